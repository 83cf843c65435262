"""What the model fills in: evidence quotes and fields, no spans and no normalised numbers.

The model quotes; code finds the span (service/items/ground.py) and reads the number from the quote
(service/values/quantities.py). Every `description` here is prompt text the model reads, so it is
written with the same care as prompts/ and changing it changes the cache key. It is sent with
every request, so it says only what the field name, the prompt and its example do not: most
fields carry none. The class docstring of `ChunkDraft` is the tool's description.

`ChunkDraft.model_json_schema()` is the schema as the model reads it (instructor sends it as
the tool, response_format or schema text): no titles below the top, no `$defs`, and an optional
field is a plain string the model may leave out. Validation is unchanged: null is accepted.
"""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import (
    DEFAULT_REF_TEMPLATE,
    GenerateJsonSchema,
    JsonSchemaMode,
    JsonSchemaValue,
)
from pydantic_core import CoreSchema, core_schema

from schemas.vocab import EventType, Indicator, Kind


class _Draft(BaseModel):
    # A stray key from the model must not cost a re-ask.
    model_config = ConfigDict(extra="ignore")


# Conventions shared by all fields (quote verbatim, write as written, leave out what is not
# there) are stated once, in the prompt.


class StatisticDraft(_Draft):
    """One number in the text that measures something in the world."""

    # The number of the article the item comes from, as the request marks it ("[A2]" -> 2);
    # optional, so a model that leaves it out costs no re-ask (the quote is then looked for in
    # every article of the request).
    article: int | None = None
    evidence: str
    quantity: str
    metric: str
    # The closed list the prompt glosses (v4 on); left out, code reads it from metric and quote.
    indicator: Indicator | None = None
    kind: Kind = "actual"
    time: str | None = None
    location: str | None = None
    subject: str | None = Field(default=None, description="单位或人群")


class ActorDraft(_Draft):
    name: str
    role: str = ""


class EventDraft(_Draft):
    """One thing that happened, or is scheduled, at a time and place."""

    article: int | None = None
    type: EventType = Field(
        description="依次为：招聘会；劳务输送；协作结对；政策；培训竞赛；人才；会议；"
        "检查走访；项目；表彰；其他"
    )
    evidence: str
    summary: str = Field(description="谁做了什么")
    date: str | None = None
    location: str | None = None
    origin: str | None = None
    destination: str | None = None
    actors: list[ActorDraft] = Field(default_factory=list)


class _ModelFacingSchema(GenerateJsonSchema):
    """JSON Schema trimmed to what helps the model: field names, types, enums, descriptions."""

    def field_title_should_be_set(self, schema: Any) -> bool:  # noqa: ARG002
        return False

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        return self.generate_inner(schema["schema"])

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        # The prompt says a field that does not apply is left out; a default is never sent.
        json_schema = super().default_schema(schema)
        json_schema.pop("default", None)
        return json_schema

    def generate(self, schema: CoreSchema, mode: JsonSchemaMode = "validation") -> JsonSchemaValue:
        json_schema = super().generate(schema, mode)
        definitions = json_schema.pop("$defs", {})
        inlined: JsonSchemaValue = _inline(json_schema, definitions)
        return inlined


class _StrictSchema(_ModelFacingSchema):
    """The model-facing schema under OpenAI's strict structured-output rules: every object lists
    all its properties as required and allows no others, and a field that may be missing is a
    union with null (the model writes null where it would leave the field out)."""

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        return GenerateJsonSchema.nullable_schema(self, schema)

    def generate(self, schema: CoreSchema, mode: JsonSchemaMode = "validation") -> JsonSchemaValue:
        closed: JsonSchemaValue = _closed(super().generate(schema, mode))
        return closed


def _closed(value: Any) -> Any:
    """`value` with every object's properties all required and no others allowed."""
    if isinstance(value, list):
        return [_closed(item) for item in value]
    if not isinstance(value, dict):
        return value
    closed = {key: _closed(item) for key, item in value.items()}
    if closed.get("type") == "object" and "properties" in closed:
        closed["required"] = list(closed["properties"])
        closed["additionalProperties"] = False
    return closed


def _inline(value: Any, definitions: dict[str, Any]) -> Any:
    """`value` with every `$ref` replaced by its definition, minus its title and description."""
    if isinstance(value, list):
        return [_inline(item, definitions) for item in value]
    if not isinstance(value, dict):
        return value
    if "$ref" in value:
        name = value["$ref"].rsplit("/", 1)[-1]
        target = {k: v for k, v in definitions[name].items() if k not in {"title", "description"}}
        return _inline(target, definitions)
    return {key: _inline(item, definitions) for key, item in value.items()}


class ChunkDraft(_Draft):
    """Drafts of one request."""

    statistics: list[StatisticDraft] = Field(default_factory=list)
    events: list[EventDraft] = Field(default_factory=list)

    @classmethod
    def model_json_schema(
        cls,
        by_alias: bool | None = None,
        ref_template: str = DEFAULT_REF_TEMPLATE,
        schema_generator: type[GenerateJsonSchema] = _ModelFacingSchema,
        mode: JsonSchemaMode = "validation",
        **kwargs: Any,
    ) -> dict[str, Any]:
        """The schema the model is sent (see the module docstring)."""
        return super().model_json_schema(by_alias, ref_template, schema_generator, mode, **kwargs)

    @classmethod
    def strict_json_schema(cls) -> dict[str, Any]:
        """The same schema under OpenAI's strict rules, for a provider asked for strict output
        (`_StrictSchema`); its answers validate as drafts alike."""
        return cls.model_json_schema(schema_generator=_StrictSchema)
