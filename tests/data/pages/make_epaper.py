"""Write epaper_labour.pdf: two e-paper pages in two columns, laid out from four real article
texts of evals/real/texts, with a masthead per page, as newspapers publish their PDF editions.

    .venv/bin/python tests/data/pages/make_epaper.py

Needs the WenQuanYi Micro Hei font (Debian fonts-wqy-microhei), embedded as a subset so the
PDF's text layer reads back as Unicode. The output is byte-for-byte reproducible.
"""

from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate, Paragraph

HERE = Path(__file__).parent
TEXTS = HERE.parent.parent.parent / "evals" / "real" / "texts"
FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
# (page, headline, text file); headlines are ours and hold no figure, the bodies are real.
ARTICLES = [
    (1, "沙坪坝区西部专场招聘活动供需两旺", "r05_shapingba_spring_fair.txt"),
    (1, "黄平开通返岗专车护送务工人员", "r03_huangping_special_buses.txt"),
    (2, "灌阳县春风行动专场招聘会举行", "r29_guangxi_guanyang_fair.txt"),
    (2, "湖南上半年就业形势稳中向好", "r33_hunan_h1_employment_2017.txt"),
]
MASTHEAD = "劳动就业周刊 · 第{page}版 · 就业服务"


def main() -> None:
    rl_config.invariant = 1  # no creation date or random id: the same bytes every time
    pdfmetrics.registerFont(TTFont("WQY", str(FONT), subfontIndex=0))
    width, height = A4
    margin, gutter = 40, 18
    column = (width - 2 * margin - gutter) / 2
    frames = [
        Frame(margin + i * (column + gutter), margin, column, height - 2 * margin - 40)
        for i in range(2)
    ]

    def masthead(canvas: Any, _doc: Any) -> None:
        canvas.setFont("WQY", 16)
        top = height - margin
        canvas.drawString(margin, top - 10, MASTHEAD.format(page=canvas.getPageNumber()))
        canvas.line(margin, top - 20, width - margin, top - 20)

    headline = ParagraphStyle("h", fontName="WQY", fontSize=15, leading=20, spaceAfter=8)
    body = ParagraphStyle(
        "b", fontName="WQY", fontSize=10, leading=15, firstLineIndent=20, wordWrap="CJK"
    )
    story: list[object] = []
    page = 1
    for on_page, title, name in ARTICLES:
        if on_page != page:
            story.append(PageBreak())
            page = on_page
        story.append(Paragraph(title, headline))
        text = (TEXTS / name).read_text(encoding="utf-8")
        story += [Paragraph(p, body) for p in text.splitlines() if p.strip()]
    doc = BaseDocTemplate(str(HERE / "epaper_labour.pdf"), pagesize=A4, title="劳动就业周刊")
    doc.addPageTemplates([PageTemplate("columns", frames=frames, onPage=masthead)])
    doc.build(story)


if __name__ == "__main__":
    main()
