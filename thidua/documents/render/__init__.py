"""Pure document renderers (#14): plain dataclasses in, DOCX or PDF bytes out; no Django, no ORM.

model.py holds the document as data (the NĐ 30/2020 components), compose.py builds each kind of paper
from its own dataclass, docx.py and pdf.py write any Document, certificate.py the certificates, chart.py
the report's chart as PNG. import-linter forbids Django, Wagtail and every app's models here.
"""
