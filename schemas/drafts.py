"""What the model fills in: evidence quotes and fields, no spans and no normalised numbers.

The model quotes; code finds the span (service/ground.py) and reads the number from the quote
(service/quantities.py). Every `description` here is prompt text the model reads, so it is
written with the same care as prompts/ and changing it changes the cache key.
"""

from pydantic import BaseModel, ConfigDict, Field

from schemas.vocab import EventType, Kind


class _Draft(BaseModel):
    # A stray key from the model must not cost a re-ask.
    model_config = ConfigDict(extra="ignore")


class StatisticDraft(_Draft):
    """One number in the text that measures something in the world."""

    evidence: str = Field(
        description="原文中陈述该数字的最短分句，逐字摘录，必须包含数字，如“累计吸引1000余名求职者参加”"
    )
    quantity: str = Field(
        description="evidence 中的数字连同修饰词和单位，逐字摘录，"
        "如“1000余名”“1.4亿余元”“98%”“约30名”"
    )
    metric: str = Field(description="被计量的对象，简短名词短语，如“求职者”“员工返岗率”“月薪”")
    kind: Kind = Field(
        default="actual", description="actual 为已发生的事实；target 为计划、目标或预计"
    )
    time: str | None = Field(
        default=None,
        description="该数字所指的时间，照原文写出或写 ISO 日期，"
        "如“2月18日”“2023年”“今年”；不知道则为 null",
    )
    location: str | None = Field(default=None, description="所涉地点，照原文，如“永康”；无则 null")
    subject: str | None = Field(
        default=None, description="所涉单位或人群，照原文，如“平昌籍务工人员”；无则 null"
    )


class ActorDraft(_Draft):
    name: str = Field(description="参与的单位或人名，照原文，如“群升集团”")
    role: str = Field(default="", description="其角色，如“主办”“用工企业”")


class EventDraft(_Draft):
    """One thing that happened, or is scheduled, at a time and place."""

    type: EventType = Field(description="事件类型")
    evidence: str = Field(description="原文中陈述该事件的最短片段，逐字摘录")
    summary: str = Field(description="一句简短中文：谁做了什么")
    date: str | None = Field(
        default=None, description="事件日期，照原文写出或写 ISO 日期，如“2月9日”；无则 null"
    )
    location: str | None = Field(default=None, description="事件地点，照原文；无则 null")
    origin: str | None = Field(
        default=None, description="仅劳务输送与劳务协作：劳动力或合作来自何地，如“四川平昌”"
    )
    destination: str | None = Field(
        default=None, description="仅劳务输送与劳务协作：去往何地，如“永康”"
    )
    actors: list[ActorDraft] = Field(default_factory=list, description="具名参与方")


class ChunkDraft(_Draft):
    """Everything the model found in one chunk of one article."""

    statistics: list[StatisticDraft] = Field(default_factory=list)
    events: list[EventDraft] = Field(default_factory=list)
