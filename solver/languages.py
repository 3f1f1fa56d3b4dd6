"""The six official languages orgwork prints, and item titles given in several of them.

A title is either one text (in the file's language, `session.language`) or a mapping of
language to text (`title: {en: Opening of the session, fr: Ouverture de la session}`); the
mapping keeps the languages in the order of `LANGUAGES`, whatever the file's order, so that a
schedule that stores it is the same for the same titles.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")  # the order the United Nations lists them in
NAMES = {"ar": "Arabic", "zh": "Chinese", "en": "English", "fr": "French", "ru": "Russian", "es": "Spanish"}
CHOICES = ", ".join(LANGUAGES)

Title = str | Mapping[str, str]


def language_code(value: object) -> str:
    """A language as the file writes it ('fr'), or a refusal naming the six."""
    if not isinstance(value, str) or value not in LANGUAGES:
        raise ValueError(f"{value!r} is not a language orgwork prints; write one of {CHOICES}")
    return value


def title_mapping(value: object, what: str = "title") -> object:
    """A title (or another text, `what`) given per language, checked and in the languages'
    order; any other value as it is (pydantic then says what a title may be)."""
    if not isinstance(value, Mapping):
        return value
    if not value:
        raise ValueError(f"the {what} gives no language; write a text, or a text per language ({CHOICES})")
    unknown = [key for key in value if key not in LANGUAGES]
    if unknown:
        raise ValueError(f"{unknown[0]!r} is not a language orgwork prints; write the {what} under one of {CHOICES}")
    for key, text in value.items():
        if not isinstance(text, str):
            raise ValueError(f"the {NAMES[key]} {what} ({key}) is {type(text).__name__}, not text; quote it")
    return {code: value[code] for code in LANGUAGES if code in value}


def text_schema(description: str, example: object) -> dict:
    """The JSON Schema of a text that may be given per language."""
    return {
        "anyOf": [
            {"type": "string"},
            {"type": "object", "propertyNames": {"enum": list(LANGUAGES)}, "additionalProperties": {"type": "string"}, "minProperties": 1},
        ],
        "description": description,
        "examples": [example],
    }


def title_in(title: Title, language: str) -> str:
    """The title's text in `language`: a plain title is that text; a mapping's text, or '' when
    the mapping has none in that language."""
    return title if isinstance(title, str) else title.get(language, "")


def translations(title: Title) -> dict[str, str]:
    """The title's texts per language, {} for a plain title."""
    return {} if isinstance(title, str) else dict(title)


def texts(title: Title) -> tuple[str, ...]:
    """Every text of a title, in the languages' order."""
    return (title,) if isinstance(title, str) else tuple(title.values())
