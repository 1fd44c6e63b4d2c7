"""The result's schemas as the OpenAPI document shows them."""


def test_recommendations_of_a_result_and_of_a_questionnaire_share_one_department_schema(client):
    schemas = client.get("/api/openapi.json").get_json()["components"]["schemas"]
    department = {"$ref": "#/components/schemas/Department"}
    assert schemas["RecommendationResult"]["properties"]["departments"]["items"] == department
    assert schemas["Recommendation"]["properties"]["departments"]["items"] == department
    assert "DepartmentRef" not in schemas
