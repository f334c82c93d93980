"""Upper limits for free text (profile texts, fit-check answers): a form says it at
the field, the service refuses it too, for every other way in (imports, the API, a
forged POST). The limits live next to the models; no column changes, no migration."""

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _


def too_long_message(limit: int, length: int) -> str:
    return _("Bitte kürzen Sie den Text auf höchstens %(limit)s Zeichen (derzeit %(length)s).") % {
        "limit": number_format(limit, force_grouping=True),
        "length": number_format(length, force_grouping=True),
    }


def check_text_limits(values: Mapping[str, Any], limits: Mapping[str, int]) -> None:
    """Raise a ValidationError naming each field whose text is longer than its limit."""
    errors = {
        name: too_long_message(limit, len(values[name]))
        for name, limit in limits.items()
        if isinstance(values.get(name), str) and len(values[name]) > limit
    }
    if errors:
        raise ValidationError(errors)


def limit_form_fields(form: forms.BaseForm, limits: Mapping[str, int]) -> None:
    """Give the form's text fields their limit: ``maxlength`` in the page (the browser
    stops typing there) and a German message when a longer text arrives anyway."""
    for name, limit in limits.items():
        field = form.fields.get(name)
        if field is None:
            continue
        field.widget.attrs["maxlength"] = str(limit)
        # One message, ours: Django's own for a model max_length goes.
        field.validators = [
            v for v in field.validators if not isinstance(v, validators.MaxLengthValidator)
        ]
        field.validators.append(_LimitValidator(limit))


class _LimitValidator:
    def __init__(self, limit: int) -> None:
        self.limit = limit

    def __call__(self, value: Any) -> None:
        if isinstance(value, str) and len(value) > self.limit:
            raise ValidationError(too_long_message(self.limit, len(value)), code="max_length")
