from courses import text_search


def test_chinese_runs_become_characters_and_bigrams():
    assert text_search.ngram_text("鱼骨图") == "鱼 骨 图 鱼骨 骨图"


def test_latin_words_are_kept_and_lowercased():
    assert text_search.ngram_text("PLC 报警") == "plc 报 警 报警"


def test_a_chinese_query_becomes_its_bigrams():
    assert text_search.ngram_query("鱼骨图") == "鱼骨 骨图"
    assert text_search.ngram_query("图") == "图"
    assert text_search.ngram_query("  ") == ""


def test_mixed_terms_are_split_apart():
    assert text_search.query_terms("PCB板 更换") == ["pcb", "板", "更换"]


def test_full_width_letters_are_normalised():
    assert text_search.query_terms("ＰＬＣ") == ["plc"]


def test_matches_needs_each_chinese_term_as_written():
    text = "运用鱼骨图分析原因"
    assert text_search.matches(text, "鱼骨图")
    assert text_search.matches(text, "分析 鱼骨")
    # Bigrams 鱼骨 and 骨图 both occur in "鱼骨 … 骨图", but not the word itself.
    assert not text_search.matches("鱼骨和骨图", "鱼骨图")
