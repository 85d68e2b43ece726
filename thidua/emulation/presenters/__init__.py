"""Turn selector and engine results into what people read: Vietnamese sentences, SVG charts, Excel files.
No queries here; selectors load, presenters shape."""
