"""Person.name_folded: the name without diacritics, for searches typed without them (the person chooser).

The backfill folds with a copy of core.formatting.fold_name as it stands here: a migration imports no
app code (docs: migrations policy), so a later change to the function does not change this step.
"""

import unicodedata

from django.db import migrations, models

_D_LETTERS = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


def _fold(text):
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_D_LETTERS))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().translate(_D_LETTERS).split())


def fill(apps, schema_editor):
    Person = apps.get_model("org", "Person")
    # Read first, then write in batches: no cursor stays open on the table being updated.
    names = list(Person.objects.values_list("pk", "full_name"))
    for start in range(0, len(names), 2000):
        batch = [Person(pk=pk, name_folded=_fold(name)) for pk, name in names[start : start + 2000]]
        Person.objects.bulk_update(batch, ["name_folded"])


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0002_organisation_code_example"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="name_folded",
            field=models.CharField(
                default="", editable=False, max_length=400, verbose_name="họ và tên (không dấu)"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
