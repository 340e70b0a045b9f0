"""StreamField blocks of a lesson's body, each rendered by ``templates/blocks/<name>.html``.

Blocks that draw something (the fishbone diagram) get their geometry from the pure module
``lms.diagrams``; blocks that can be filled in wrongly refuse it in the editor with a message
on the field that is wrong (``clean``).
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock as WagtailTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from lms import diagrams

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]
VIDEO_EXTENSIONS = {"mp4": "video/mp4", "webm": "video/webm"}


def clean_with_errors(clean, value, errors: dict):
    """Run a StructBlock's own ``clean`` and add ``errors`` (child name → ValidationError).

    The editor then shows every message at once, each on its field.
    """
    try:
        cleaned = clean(value)
    except StructBlockValidationError as exc:
        errors = {**exc.block_errors, **errors}
        raise StructBlockValidationError(
            block_errors=errors, non_block_errors=exc.non_block_errors
        ) from exc
    if errors:
        raise StructBlockValidationError(block_errors=errors)
    return cleaned


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading.html"


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Rich text")
        template = "blocks/rich_text.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Text alternative"),
        required=False,
        max_length=250,
        help_text=_("What the image shows, for readers who cannot see it. Empty: the image title."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "blocks/image.html"


class VideoBlock(blocks.StructBlock):
    """An HTML5 video uploaded as a Wagtail document (MP4 or WebM): no external embeds."""

    video = DocumentChooserBlock(
        label=_("Video file"), help_text=_("Upload the video as a document (MP4 or WebM).")
    )
    poster = ImageChooserBlock(label=_("Poster image"), required=False)
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)
    transcript = blocks.TextBlock(
        label=_("Transcript"),
        required=False,
        help_text=_("What is said and shown, for readers who cannot play the video."),
    )

    class Meta:
        icon = "media"
        label = _("Video file")
        template = "blocks/video.html"

    def clean(self, value):
        value = super().clean(value)
        document = value.get("video")
        if document is not None and document.file_extension.lower() not in VIDEO_EXTENSIONS:
            raise StructBlockValidationError(
                block_errors={
                    "video": ValidationError(
                        _("Choose an MP4 or WebM file: browsers cannot play “%(name)s”.")
                        % {"name": document.filename}
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        document = value.get("video")
        context["mime_type"] = (
            VIDEO_EXTENSIONS.get(document.file_extension.lower(), "") if document else ""
        )
        return context


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("tip", _("Tip")), ("warning", _("Warning")), ("key_point", _("Key point"))],
        default="tip",
    )
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "ul", "ol", "link"])

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "blocks/callout.html"


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    items = blocks.ListBlock(blocks.CharBlock(label=_("Item"), max_length=300), label=_("Items"))

    class Meta:
        icon = "tasks"
        label = _("Checklist")
        template = "blocks/checklist.html"


class ProcessStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"), max_length=120)
    description = blocks.TextBlock(label=_("What happens"), required=False)


class ProcessStepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    steps = blocks.ListBlock(ProcessStepBlock(), label=_("Steps"), min_num=2)

    class Meta:
        icon = "list-ol"
        label = _("Process steps")
        template = "blocks/process_steps.html"


class FishboneCategoryBlock(blocks.StructBlock):
    name = blocks.CharBlock(
        label=_("Category"), max_length=40, help_text=_("For example 人, 机, 料, 法, 环 or 测.")
    )
    causes = blocks.ListBlock(blocks.CharBlock(label=_("Cause"), max_length=120), label=_("Causes"))


class FishboneBlock(blocks.StructBlock):
    """A cause-and-effect (Ishikawa, 鱼骨图) diagram drawn as inline SVG with a text alternative."""

    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    effect = blocks.CharBlock(
        label=_("Effect (the problem)"),
        required=False,
        max_length=120,
        help_text=_("Required: the problem at the fish's head, e.g. “设备维修后开机报警停机”."),
    )
    categories = blocks.ListBlock(
        FishboneCategoryBlock(), label=_("Categories"), min_num=1, max_num=8
    )
    root_cause = blocks.CharBlock(
        label=_("Root cause found"),
        required=False,
        max_length=200,
        help_text=_("Optional: the cause that the analysis confirmed."),
    )

    class Meta:
        icon = "cogs"
        label = _("Fishbone diagram")
        template = "blocks/fishbone.html"

    def clean(self, value):
        errors = {}
        if not (value.get("effect") or "").strip():
            errors["effect"] = ValidationError(
                _("A fishbone diagram needs its effect: the problem the causes lead to.")
            )
        return clean_with_errors(super().clean, value, errors)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["svg_id"] = f"fishbone-{uuid.uuid4().hex[:8]}"
        context["diagram"] = diagrams.fishbone_layout(
            effect=value.get("effect") or "",
            categories=[(c["name"], list(c["causes"])) for c in value.get("categories") or []],
        )
        return context


class FiveWhysBlock(blocks.StructBlock):
    problem = blocks.CharBlock(label=_("Problem"), max_length=200)
    whys = blocks.ListBlock(
        blocks.CharBlock(label=_("Because …"), max_length=300),
        label=_("Answers to “why?”"),
        min_num=1,
        help_text=_("Each answer is the reason for the one before it."),
    )
    root_cause = blocks.CharBlock(
        label=_("Root cause"),
        required=False,
        max_length=300,
        help_text=_("Required: where the chain of whys ends."),
    )
    countermeasure = blocks.CharBlock(label=_("Countermeasure"), required=False, max_length=300)

    class Meta:
        icon = "help"
        label = _("Five whys")
        template = "blocks/five_whys.html"

    def clean(self, value):
        errors = {}
        if not (value.get("root_cause") or "").strip():
            errors["root_cause"] = ValidationError(_("A five-whys chain must end in a root cause."))
        return clean_with_errors(super().clean, value, errors)


class TableBlock(WagtailTableBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault(
            "table_options",
            {"startRows": 3, "startCols": 3, "colHeaders": False, "rowHeaders": False},
        )
        super().__init__(**kwargs)

    class Meta:
        icon = "table"
        label = _("Table")
        template = "blocks/table.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"), required=False, max_length=200, help_text=_("Empty: the title.")
    )
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "blocks/document.html"


class KnowledgeCheckBlock(blocks.StructBlock):
    """A link to a practice quiz of the quiz engine (``exams.api.quiz_link``), by its slug."""

    quiz_slug = blocks.CharBlock(
        label=_("Practice quiz slug"),
        max_length=100,
        help_text=_("The slug of a practice quiz, e.g. kc-module-1."),
    )
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    intro = blocks.TextBlock(label=_("Introduction"), required=False)

    class Meta:
        icon = "form"
        label = _("Knowledge check")
        template = "blocks/knowledge_check.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["quiz"] = quiz_link(value.get("quiz_slug") or "")
        return context


def quiz_link(slug: str):
    """The quiz engine's link to a practice quiz, or None while it does not exist.

    The quiz engine is another app; it is imported lazily so that courses work without it.
    """
    if not slug:
        return None
    try:
        from exams import api as exams_api
    except ImportError:
        return None
    link_for = getattr(exams_api, "quiz_link", None)
    if link_for is None:
        return None
    return link_for(slug=slug)


class LessonBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    video = VideoBlock()
    callout = CalloutBlock()
    checklist = ChecklistBlock()
    process_steps = ProcessStepsBlock()
    fishbone = FishboneBlock()
    five_whys = FiveWhysBlock()
    table = TableBlock()
    document = DocumentBlock()
    knowledge_check = KnowledgeCheckBlock()
