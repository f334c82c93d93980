from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _


class SignupForm(AllauthSignupForm):
    """Sign-up asks for the name people will see, besides e-mail and password."""

    name = forms.CharField(
        label=_("Ihr Name"),
        max_length=150,
        widget=forms.TextInput(
            attrs={"autocomplete": "name", "placeholder": _("Vor- und Nachname")}
        ),
    )

    field_order = ["name", "email", "password1", "password2"]

    def save(self, request):
        user = super().save(request)
        user.name = self.cleaned_data["name"].strip()
        user.save(update_fields=["name"])
        return user


class AccountDeleteForm(forms.Form):
    """Deleting the account: the password and an explicit confirmation."""

    password = forms.CharField(
        label=_("Ihr Passwort"),
        strip=False,
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("Ich möchte mein Konto endgültig löschen."),
        error_messages={"required": _("Bitte bestätigen Sie, dass Sie Ihr Konto löschen möchten.")},
    )
