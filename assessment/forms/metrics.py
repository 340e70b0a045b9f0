"""The metrics upload form (the file is read and checked by ``assessment.metric_files``)."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from assessment.metric_files import MAX_BYTES


class MetricUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Metrics file"),
        # The column names are literal headings of the file, the same in both languages.
        help_text=format_lazy(
            _(
                "CSV (UTF-8 or GBK) or Excel .xlsx with the columns {columns} and optionally "
                "{optional} (or {columns_en} and {optional_en}). At most 20 MB and 200,000 rows."
            ),
            columns='<code translate="no">工号, 指标, 周期, 数值</code>',
            optional='<code translate="no">来源, 备注</code>',
            columns_en='<code translate="no">employee_id, indicator, period, value</code>',
            optional_en='<code translate="no">source, note</code>',
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB; split it."))
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return upload
