"""What several parts of the API share: bounded ids and the page of a list."""

from typing import Annotated

from ninja import Path, Schema
from pydantic import Field

from auscult.core.params import MAX_ID_DIGITS

# The largest id any table holds (a signed 64-bit integer); a larger one names nothing and is a 404.
MAX_ID = 10**MAX_ID_DIGITS - 1


def path_id(description, example=1):
    """A path parameter that is an id: 1 … MAX_ID, else not found."""
    return Annotated[int, Path(ge=1, le=MAX_ID, description=description, example=example)]


BoundedId = Annotated[int, Field(ge=1, le=MAX_ID)]


class Page(Schema):
    """Where a numbered page of a list stands."""

    page: int = Field(examples=[1])
    page_size: int = Field(examples=[20])
    count: int = Field(description="How many items in all.", examples=[34])
    num_pages: int = Field(examples=[2])
    next: str | None = Field(None, description="The next page's URL, if any.", examples=["/api/v1/…?page=3"])
    previous: str | None = Field(None, description="The previous page's URL, if any.", examples=["/api/v1/…?page=1"])
