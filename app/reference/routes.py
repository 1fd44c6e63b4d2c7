"""GET /reference/regions and /reference/industries: the code tables the client needs."""

import hashlib
import json

from flask import Response, request
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from app.api import response_headers
from app.reference import codes

blp = Blueprint(
    "reference",
    __name__,
    url_prefix="/api/v1/reference",
    description="Code tables: Hebei reporting units (GB/T 2260) and GB/T 4754-2017 industries.",
)


class RegionSchema(Schema):
    code = fields.String(required=True)
    name = fields.String(required=True)
    name_en = fields.String(required=True)
    kind = fields.String(required=True)


class ProvinceSchema(Schema):
    code = fields.String(required=True)
    name = fields.String(required=True)
    name_en = fields.String(required=True)


class DivisionSchema(Schema):
    code = fields.String(required=True)
    name = fields.String(required=True)
    unit = fields.String(
        required=True, metadata={"description": "the reporting unit it rolls up to"}
    )
    status = fields.String(required=True, metadata={"description": "current or historical"})


class RegionsSchema(Schema):
    province = fields.Nested(ProvinceSchema, required=True)
    units = fields.List(fields.Nested(RegionSchema), required=True)
    divisions = fields.List(fields.Nested(DivisionSchema), required=True)


class IndustrySchema(Schema):
    code = fields.String(required=True, metadata={"example": "C1772"})
    name = fields.String(required=True)
    level = fields.String(required=True)
    parent = fields.String(required=True, allow_none=True)


class IndustriesSchema(Schema):
    items = fields.List(fields.Nested(IndustrySchema), required=True)


def _cached_json(body: dict) -> Response:
    """Reference data changes only with a release: serve it with a strong ETag."""
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    response = Response(data, mimetype="application/json")
    response.set_etag(hashlib.sha256(data).hexdigest()[:32])
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response.make_conditional(request)


@blp.route("/regions")
class Regions(MethodView):
    @blp.response(200, RegionsSchema, headers=response_headers("ETag"))
    @blp.alt_response(304, description="Not modified", headers=response_headers("ETag"))
    @blp.doc(operationId="listRegions")
    def get(self):
        """Hebei's reporting units (11 cities, 辛集, 定州, 雄安) and their county codes."""
        body = RegionsSchema().dump(
            {
                "province": codes.province(),
                "units": codes.regions(),
                "divisions": codes.divisions(),
            }
        )
        return _cached_json(body)


@blp.route("/industries")
class Industries(MethodView):
    @blp.response(200, IndustriesSchema, headers=response_headers("ETag"))
    @blp.alt_response(304, description="Not modified", headers=response_headers("ETag"))
    @blp.doc(operationId="listIndustries")
    def get(self):
        """GB/T 4754-2017 sections, divisions, groups and classes, each with its parent."""
        return _cached_json(IndustriesSchema().dump({"items": codes.industries()}))
