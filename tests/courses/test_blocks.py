import pytest
from django.core.files.base import ContentFile
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.models import Document

from courses import blocks
from tests.exams.factories import QuestionFactory, quiz_with

pytestmark = pytest.mark.django_db

FISHBONE = {
    "title": "维修后报警停机",
    "effect": "设备维修后开机报警停机",
    "categories": [
        {"name": "人", "causes": ["未按手册复位参数"]},
        {"name": "机", "causes": ["编码器插头松动", "线缆磨损"]},
    ],
    "root_cause": "编码器插头松动",
}


def render(block, raw):
    value = block.to_python(raw)
    return block.render(block.clean(value))


def test_fishbone_renders_inline_svg_with_a_text_alternative():
    html = render(blocks.FishboneBlock(), FISHBONE)
    assert "<svg" in html and 'role="img"' in html
    assert "<title" in html and "设备维修后开机报警停机" in html
    # Every cause appears in the text version below the drawing.
    text = html.split("fishbone-text", 1)[1]
    for cause in ["未按手册复位参数", "编码器插头松动", "线缆磨损"]:
        assert cause in text


def test_fishbone_without_effect_is_refused_with_a_message_on_the_effect_field():
    block = blocks.FishboneBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({**FISHBONE, "effect": "  "}))
    assert set(error.value.block_errors) == {"effect"}
    assert "鱼骨图必须填写结果" in error.value.block_errors["effect"].messages[0]


def test_fishbone_errors_are_all_reported_at_once():
    block = blocks.FishboneBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({**FISHBONE, "effect": "", "categories": []}))
    assert {"effect", "categories"} <= set(error.value.block_errors)


def test_five_whys_without_root_cause_is_refused_on_the_root_cause_field():
    block = blocks.FiveWhysBlock()
    raw = {"problem": "报警停机", "whys": ["插头松动"], "root_cause": "", "countermeasure": ""}
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(raw))
    assert set(error.value.block_errors) == {"root_cause"}


def test_five_whys_renders_the_chain_and_the_root_cause():
    raw = {
        "problem": "报警停机",
        "whys": ["收不到编码器信号", "插头没有插到位"],
        "root_cause": "缺少维修后检查清单",
        "countermeasure": "制定检查清单",
    }
    html = render(blocks.FiveWhysBlock(), raw)
    assert html.index("收不到编码器信号") < html.index("插头没有插到位")
    assert "缺少维修后检查清单" in html and "制定检查清单" in html


@pytest.mark.parametrize(
    ("block", "raw", "expected"),
    [
        (blocks.HeadingBlock(), {"text": "收集信息", "level": "h3"}, "<h3"),
        (blocks.ParagraphBlock(), "<p>一段<b>正文</b></p>", "<b>正文</b>"),
        (
            blocks.CalloutBlock(),
            {"kind": "warning", "title": "", "text": "<p>注意</p>"},
            "callout-warning",
        ),
        (blocks.ChecklistBlock(), {"title": "清单", "items": ["核对型号", "试运行"]}, "试运行"),
        (
            blocks.ProcessStepsBlock(),
            {
                "title": "流程",
                "steps": [
                    {"title": "接收报修", "description": "了解现象"},
                    {"title": "测试和验收", "description": ""},
                ],
            },
            "测试和验收",
        ),
        (
            blocks.TableBlock(),
            {
                "data": [["维度", "指标"], ["技术能力", "首次修复率"]],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "指标",
            },
            '<th scope="col">维度</th>',
        ),
    ],
)
def test_each_block_renders_its_template(block, raw, expected):
    assert expected in render(block, raw)


def make_document(name, content=b"data"):
    document = Document(title=name)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


def test_video_block_plays_an_uploaded_mp4_without_external_embeds():
    video = make_document("repair.mp4")
    raw = {"video": video.pk, "caption": "更换编码器", "transcript": "第一步"}
    html = render(blocks.VideoBlock(), raw)
    assert "<video" in html and 'type="video/mp4"' in html and video.url in html
    assert "iframe" not in html and "第一步" in html


def test_video_block_refuses_a_file_browsers_cannot_play():
    document = make_document("manual.pdf")
    block = blocks.VideoBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"video": document.pk}))
    assert set(error.value.block_errors) == {"video"}


def test_document_block_links_the_download():
    document = make_document("checklist.pdf", b"%PDF-1.4")
    html = render(blocks.DocumentBlock(), {"document": document.pk, "title": "维修后检查清单"})
    assert document.url in html and "维修后检查清单" in html and "PDF" in html


def test_knowledge_check_says_so_while_there_is_no_such_published_quiz():
    raw = {"quiz_slug": "kc-module-1", "title": "", "intro": ""}
    html = render(blocks.KnowledgeCheckBlock(), raw)
    assert "该知识检查尚未开放" in html
    QuestionFactory()
    quiz_with([], slug="kc-module-1", title="引言练习", kind="practice", draft=True)
    assert "该知识检查尚未开放" in render(blocks.KnowledgeCheckBlock(), raw)


def test_knowledge_check_links_the_practice_quiz_of_the_quiz_engine():
    quiz_with([QuestionFactory()], slug="kc-module-1", title="引言练习", kind="practice")
    block = blocks.KnowledgeCheckBlock()
    html = render(block, {"quiz_slug": "kc-module-1", "title": "", "intro": ""})
    assert 'href="/quizzes/kc-module-1/"' in html and "引言练习" in html
