"""English texts of the demo question bank and quizzes (``exams/demo.py``).

``EN`` maps each Chinese string literal of ``exams/demo.py`` (category names, questions,
choices, explanations, quiz titles, instructions and feedback texts) to its English
translation. The demo sets each ``_en`` field to ``EN.get(chinese, "")``; a text missing here
stays without English and shows the Chinese text marked "Chinese only" on English pages.
"""

EN: dict[str, str] = {}
