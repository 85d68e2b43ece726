"""The form of Wagtail's documents (settings.WAGTAILDOCS_DOCUMENT_FORM_BASE): the content must be what
the extension says.

Wagtail checks only the extension (WAGTAILDOCS_EXTENSIONS), so an HTML page or an executable renamed
"thong-bao.pdf" would be published on the portal as a document. The first bytes are read
(thidua.core.uploads.content_matches) on the single and the multiple upload, which both build their
form on this base.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm

from thidua.core.uploads import content_matches, upload_name


class DocumentForm(BaseDocumentForm):  # type: ignore[misc]
    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):  # a new file; an unchanged one is already stored
            head = upload.read(8192)
            upload.seek(0)
            if not content_matches(head, upload.name or ""):
                raise ValidationError(
                    _("Nội dung tệp «%(name)s» không đúng loại tệp theo đuôi của nó. Hãy tải lên đúng tệp.")
                    % {"name": upload_name(upload.name)}
                )
        return upload
