"""Chinese/English content pairs: the text of the page's language, a fallback visibly marked."""

from django.template import Context, Template
from django.utils import translation

from lms.bilingual import localized, missing_english, pair, pick


class Item:
    def __init__(self, text, text_en=""):
        self.text = text
        self.text_en = text_en


def render(template, **context):
    return Template("{% load bilingual %}" + template).render(Context(context))


def test_each_language_reads_its_own_text():
    item = Item("一次修复率", "First-time fix rate")
    assert localized(item, "text", "zh-hans") == "一次修复率"
    english = localized(item, "text", "en")
    assert english == "First-time fix rate" and not english.fallback


def test_missing_english_falls_back_to_chinese_and_says_so():
    english = pick("一次修复率", "  ", "en")
    assert english == "一次修复率" and english.fallback and english.lang == "zh-hans"
    assert not pick("", "", "en").fallback


def test_snapshot_dicts_read_like_objects():
    snapshot = pair(Item("问题", "Question"), "text")
    assert snapshot == {"text": "问题", "text_en": "Question"}
    assert localized(snapshot, "text", "en") == "Question"
    assert localized({"text": "旧快照"}, "text", "en").fallback


def test_the_filter_marks_a_fallback_on_english_pages_only():
    with translation.override("en"):
        html = render('{{ q|tr:"text" }}', q=Item("问题<b>"))
        assert '<span lang="zh-Hans" class="untranslated">问题&lt;b&gt;</span>' in html
        assert "Chinese only" in html
        assert render('{{ q|tr:"text" }}', q=Item("问题", "Question")) == "Question"
        assert render('{{ q|tr_text:"text" }}', q=Item("问题")) == "问题"
    with translation.override("zh-hans"):
        assert render('{{ q|tr:"text" }}', q=Item("问题")) == "问题"


def test_authoring_lists_name_the_fields_without_english():
    assert missing_english(Item("问题", ""), ["text"]) == ["text"]
    assert missing_english(Item("", ""), ["text"]) == []
    assert missing_english(Item("问题", "Question"), ["text"]) == []
