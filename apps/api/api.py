"""The API instance: routers, authentication, problem+json errors and the schema.

Every operation answers ``application/problem+json`` for its errors; the schema
says so (``ProblemAPI.get_openapi_schema``), so clients and schemathesis can rely
on it. The docs page uses ninja's bundled Swagger UI files, nothing from a CDN.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI, Swagger

from apps.api import errors
from apps.api.auth import read_auth
from apps.api.routers import (
    cocreation,
    contributions,
    cooperations,
    driver,
    me,
    meetings,
    money,
    network,
    referrals,
)

DESCRIPTION = _(
    "Die Schnittstelle von WirWerk. Anmeldung mit einem persönlichen Zugangsschlüssel "
    "(Authorization: Bearer …), den Sie in Ihren Einstellungen anlegen. Fehler kommen als "
    "application/problem+json, Listen seitenweise mit next_cursor."
)


class ProblemAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for status, answer in operation.get("responses", {}).items():
                    content = answer.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        answer["content"] = {errors.PROBLEM_TYPE: content["application/json"]}
        return schema


api = ProblemAPI(
    title="WirWerk API",
    version="1",
    description=str(DESCRIPTION),
    auth=read_auth,
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_url="/docs",
    openapi_url="/openapi.json",
    urls_namespace="api",
)
errors.install(api)

for module in (
    me,
    network,
    cooperations,
    meetings,
    contributions,
    driver,
    referrals,
    money,
    cocreation,
):
    api.add_router("", module.router)
