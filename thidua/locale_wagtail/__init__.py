"""Vietnamese catalogue of Wagtail's strings (README.md here).

A package so that its .po/.mo files ship with the project and the tests can import build_catalogue.
"""
