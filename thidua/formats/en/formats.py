# English screens keep the Vietnamese date order (docs/formatting.md): WAGTAIL_DATE_FORMAT shows
# dd/mm/yyyy in both languages, so Wagtail's own date inputs must read it back the same way. Django's
# English default reads 01/02/2024 as 2 January (mm/dd/yyyy). Every other format stays Django's.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]
