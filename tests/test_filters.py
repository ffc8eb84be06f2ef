"""One filter at a time: what it removes, the reason it gives, and what it must keep."""

import pytest
from conftest import ROOT

import cleaner
from cleaner import Config


def removals(text: str, name: str) -> list[tuple[str, str]]:
    """(removed line, reason) for ``text`` cleaned by filter ``name`` alone."""
    result = cleaner.clean_and_explain(text, Config.select(only=[name]))
    assert all(r.filter == name for r in result.removals)
    return [(r.text, r.reason) for r in result.removals]


def kept(text: str, name: str) -> bool:
    return removals(text, name) == []


# A long sentence to put around a line under test, so that position rules see a body.
BODY = "The council met on Tuesday and voted to approve the new budget for the coming year."


class TestDuplicateCaptions:
    def test_copy_after_a_credit_line_goes_with_its_first_line_named(self):
        caption = "Putin attends a meeting with members of the government via video link."
        text = f"{BODY}\n\n{caption}\nReuters\n\n{caption}\n\n{BODY}\n"
        assert removals(text, "duplicate-captions") == [
            (caption, "duplicate of the caption on line 3")
        ]

    def test_copy_with_a_glued_credit_is_a_duplicate(self):
        text = f"{BODY}\nSoucek celebrates the win at Villa Park.\nSoucek celebrates the win at Villa Park. | Foto: Reuters\n"
        assert removals(text, "duplicate-captions") == [
            ("Soucek celebrates the win at Villa Park. | Foto: Reuters", "duplicate of the caption on line 2")
        ]

    def test_case_and_punctuation_do_not_hide_a_copy(self):
        text = "Crowds gather in the square at dusk.\nCROWDS GATHER IN THE SQUARE, AT DUSK\n"
        assert len(removals(text, "duplicate-captions")) == 1

    def test_refrain_with_text_between_is_kept(self):
        refrain = "We will rebuild, and we will be ready next time."
        text = f"{refrain}\n\n{BODY}\n\n{refrain}\n"
        assert kept(text, "duplicate-captions")

    def test_copies_further_apart_than_the_window_are_kept(self):
        caption = "A boat carries residents to dry ground near the bridge"
        between = "\n".join(["Close"] * 6)
        assert kept(f"{caption}\n{between}\n{caption}\n", "duplicate-captions")

    def test_a_paragraph_repeated_between_sentences_of_the_story_is_kept(self):
        # The page printed it twice, and so does the story's gold text.
        paragraph = "The two soldiers were named by the army as a captain and a sergeant from the same unit."
        text = f"{BODY}\n\n{paragraph}\n\n{paragraph}\n\nThe attacker fled the scene but was later held.\n"
        assert kept(text, "duplicate-captions")

    def test_copies_between_sentences_with_a_credit_below_are_a_caption(self):
        caption = "The mayor speaks with a shop owner during a visit to the market on Sunday."
        text = f"{BODY}\n\n{caption}\n\n{caption}\n\nPhoto: Jane Doe, AP\n\n{BODY}\n"
        assert removals(text, "duplicate-captions") == [(caption, "duplicate of the caption on line 3")]

    def test_short_repeated_lines_are_not_captions(self):
        assert kept("Yes, he said.\nYes, he said.\n", "duplicate-captions")

    def test_heading_that_starts_the_next_paragraph_is_kept(self):
        text = "The plan for the city\nThe plan for the city was approved on Monday by a wide margin.\n"
        assert kept(text, "duplicate-captions")


class TestCredits:
    @pytest.mark.parametrize(
        "line",
        [
            "Reuters",
            "AP Photo/Jane Doe",
            "(AP Photo/Alan Diaz, File)",
            "Getty Images",
            "AFP via Getty Images",
            "EPA-EFE/JANE DOE",
            "REUTERS/Brendan McDermid",
            "Natalie Naccache | Bloomberg | Getty Images",
            "© AFP / MARCO BERTORELLO",
            "[File: Reuters]",
        ],
    )
    def test_agency_credit(self, line):
        assert removals(f"{BODY}\n{line}\n{BODY}\n", "credits") == [
            (line, f"agency credit {line!r}")
        ]

    @pytest.mark.parametrize(
        "line",
        [
            "Photo: Ringo H.W. Chiu, AP",
            "Image copyright EPA",
            "(Image credit: NASA)",
            "(Photo by Kevin Mazur/Getty Images)",
            "Foto: Jan Novak",
            "Fot. Jan Kowalski",
        ],
    )
    def test_labelled_credit(self, line):
        [(text, reason)] = removals(f"{BODY}\n{line}\n", "credits")
        assert text == line
        assert reason.split(" ", 2)[:2] in (["photo", "credit"], ["agency", "credit"])

    @pytest.mark.parametrize(
        "line",
        [
            "WASHINGTON (Reuters) - Scientists said on Monday the glacier had shrunk.",
            "Reuters reported the findings first.",
            "Photos show the damage was worse than feared.",
            "Photo shows the damage",
            "Credit Suisse said on Monday it would fund the study.",
            "Reuters and the government agreed",
            "Pool",
        ],
    )
    def test_text_that_mentions_agencies_is_kept(self, line):
        assert kept(f"{BODY}\n{line}\n", "credits")


class TestPlaceholders:
    @pytest.mark.parametrize(
        "line",
        ["Loading...", "Loading…", "Loading video", "Please wait...", "Carregando...",
         "Chargement en cours", "Загрузка…", "正在加载...", "読み込み中", "(Loading)"],
    )
    def test_placeholder(self, line):
        assert removals(f"{BODY}\n{line}\n{BODY}\n", "placeholders") == [
            (line, f"loading placeholder {line!r}")
        ]

    @pytest.mark.parametrize(
        "line", ["Loading the ship took three days.", "Please wait for the official count, he said."]
    )
    def test_sentence_starting_like_a_placeholder_is_kept(self, line):
        assert kept(f"{BODY}\n{line}\n", "placeholders")


class TestTeasers:
    @pytest.mark.parametrize(
        ("line", "reason"),
        [
            ("READ MORE: UN: Afghanistan's economy on brink of collapse", "teaser label 'READ MORE:' and headline"),
            ("ALSO READ | Five things to know", "teaser label 'ALSO READ |' and headline"),
            ("Related: Trump says no", "teaser label 'Related:' and headline"),
            ("Lire aussi : Les critiques de la CNIL", "teaser label 'Lire aussi :' and headline"),
            ("Read more", "teaser label 'Read more'"),
            ("SEE ALSO", "teaser label 'SEE ALSO'"),
            ("Lesen Sie auch", "teaser label 'Lesen Sie auch'"),
            ("Leia também", "teaser label 'Leia também'"),
            ("Leer más", "teaser label 'Leer más'"),
            ("Читайте также", "teaser label 'Читайте также'"),
            ("相关阅读：某地发生地震", "teaser label '相关阅读：' and headline"),
        ],
    )
    def test_teaser(self, line, reason):
        assert removals(f"{BODY}\n{line}\n{BODY}\n", "teasers") == [(line, reason)]

    def test_lone_label_with_colon_takes_the_next_headline(self):
        text = f"{BODY}\nLeggi anche:\nIl bilancio del comune in cinque punti\n{BODY}\n"
        assert removals(text, "teasers") == [
            ("Leggi anche:", "teaser label 'Leggi anche:'"),
            ("Il bilancio del comune in cinque punti", "headline after the teaser label on line 2"),
        ]

    @pytest.mark.parametrize(
        "line",
        [
            "Read more about the plan in the report published on Monday.",
            "Related: the minister said the plan was fair and would be kept.",
            "More than 100 people died in the floods",
            "Watch the birds fly away.",
        ],
    )
    def test_sentences_are_kept(self, line):
        assert kept(f"{BODY}\n{line}\n{BODY}\n", "teasers")

    def test_label_without_colon_does_not_take_the_next_line(self):
        text = f"{BODY}\nRead more\nThe plan for the new bridge\n"
        assert removals(text, "teasers") == [("Read more", "teaser label 'Read more'")]


class TestPromos:
    @pytest.mark.parametrize(
        ("line", "kind"),
        [
            ("Advertisement", "ad label"),
            ("ADVERTISEMENT", "ad label"),
            ("Story continues below advertisement", "ad label"),
            ("Anzeige", "ad label"),
            ("Publicidad", "ad label"),
            ("Facebook Twitter Email", "share line"),
            ("Share this:", "share line"),
            ("197 Shares", "share line"),
            ("Follow us on Twitter", "follow call"),
            ("Sign up for our newsletter", "call to action"),
            ("CLICK HERE TO GET THE FOX NEWS APP", "call to action"),
            ("We use cookies to improve your experience on our site.", "cookie notice"),
            ("Accept all cookies", "cookie notice"),
            ("Post a comment", "comment widget"),
            ("12 Comments", "comment widget"),
            ("Comments on this story", "comment widget"),
            ("Reader views (5)", "comment widget"),
            ("| Comment on This Story", "comment widget"),
            ("Have your say", "comment widget"),
            ("[Offensive? Unsuitable? Report this comment.]", "comment widget"),
            ("Post to del.icio.us", "share line"),
        ],
    )
    def test_promo(self, line, kind):
        [(text, reason)] = removals(f"{BODY}\n{line}\n{BODY}\n", "promos")
        assert text == line
        assert reason.startswith(kind + " ")

    @pytest.mark.parametrize(
        "line",
        [
            "Werbung nervt. Tracking nervt.",
            "The views of readers matter, the editor said.",
            "Share this information, please?",
            "Click here to get more information or download this game.",
            "The EU said websites must ask users before they accept cookies.",
            "Advertisements for the drug were banned in 2019.",
            "The app was downloaded a million times.",
            "Comments were closed after the trial.",
            "Add your comments below to win a prize from our sponsor.",
        ],
    )
    def test_text_is_kept(self, line):
        assert kept(f"{BODY}\n{line}\n{BODY}\n", "promos")


class TestLeadingJunk:
    def test_labels_above_the_first_sentence(self):
        text = f"World\nGolf\nChampion retires after final round\n\n{BODY}\n"
        assert removals(text, "leading-junk") == [
            ("World", "fragment 'World' before the first sentence"),
            ("Golf", "fragment 'Golf' before the first sentence"),
        ]

    def test_short_headline_right_above_the_first_sentence_stays(self):
        text = f"World\nMarkets tumble\n\n{BODY}\n"
        assert removals(text, "leading-junk") == [("World", "fragment 'World' before the first sentence")]

    def test_datelines_and_headlines_stay(self):
        text = f"BAAR, SWITZERLAND\nNOUAKCHOTT, Mauritania --\nChampion retires after final round\n{BODY}\n"
        assert kept(text, "leading-junk")

    def test_document_without_a_sentence_is_left_alone(self):
        assert kept("Menu\nHome\nSports\n", "leading-junk")


class TestTrailingJunk:
    def test_fragments_after_the_last_sentence(self):
        text = f"{BODY}\nNext article\nRoute 6\n1 2 3 Next\n"
        assert [reason for _, reason in removals(text, "trailing-junk")] == [
            "fragment 'Next article' after the last sentence",
            "fragment 'Route 6' after the last sentence",
            "fragment '1 2 3 Next' after the last sentence",
        ]

    def test_short_last_sentence_stays(self):
        assert kept(f"{BODY}\nHe was 87.\n", "trailing-junk")

    def test_numbered_results_at_the_end_stay(self):
        assert kept(f"{BODY}\n1. Bayliss (Ducati) 1'32.2\n2. Kagayama (Suzuki) 1'32.3\n", "trailing-junk")

    def test_fragments_before_the_end_are_not_trailing(self):
        assert kept(f"{BODY}\nRoute 6\n{BODY}\n", "trailing-junk")


def test_every_filter_has_a_docstring_summary():
    for entry in cleaner.FILTERS.values():
        assert entry.summary, entry.name
        assert len(entry.summary) < 100, entry.name


def removals_with(text: str, name: str) -> list[tuple[str, str]]:
    """Like removals(), for filters that are off by default."""
    result = cleaner.clean_and_explain(text, Config.select(only=[name]))
    return [(r.text, r.reason) for r in result.removals]


class TestUiChrome:
    @pytest.mark.parametrize(
        ("line", "reason"),
        [
            ("Media playback is unsupported on your device", "page chrome"),
            ("Close", "page chrome"),
            ("Back to Gallery", "page chrome"),
            ("Image 1 of 23", "gallery counter"),
            ("Schließen", "page chrome"),
        ],
    )
    def test_chrome(self, line, reason):
        [(text, why)] = removals(f"{BODY}\n{line}\n{BODY}\n", "ui-chrome")
        assert text == line and why.startswith(reason)

    @pytest.mark.parametrize("line", ["Search", "Video", "Close the border, he said.", "Tools of the trade"])
    def test_words_that_could_be_text_stay(self, line):
        assert kept(f"{BODY}\n{line}\n{BODY}\n", "ui-chrome")


class TestBylines:
    @pytest.mark.parametrize(
        ("line", "kind"),
        [
            ("By Jane Doe", "byline"),
            ("By Andy Sahadeo | Fox News", "byline"),
            ("Staff and agencies", "byline"),
            ("Published 11:11 PM EST Nov 19, 2019", "timestamp"),
            ("Last updated at 11:25am on 07.01.08", "timestamp"),
            ("Veröffentlicht am 12. März 2019 um 10:15 Uhr", "timestamp"),
            ("2 days ago", "timestamp"),
            ("5 min read", "read time"),
            ("Friday 28th December, 2007", "timestamp"),
            ("Palm Beach Post Staff Writer", "byline"),
            ("Associated Press - January 16, 2008 12:55 PM ET", "source and timestamp"),
        ],
    )
    def test_above_the_story(self, line, kind):
        [(text, reason)] = removals(f"Council approves budget\n{line}\n\n{BODY}\n", "bylines")
        assert text == line and reason.startswith(kind)

    def test_dates_inside_the_story_stay(self):
        assert kept(f"{BODY}\nJanuary 14, 2008\n{BODY}\n", "bylines")

    def test_sentences_starting_with_by_stay(self):
        assert kept(f"By the end of the day the market fell sharply.\n{BODY}\n", "bylines")

    def test_a_headline_with_a_date_stays(self):
        assert kept(f"Storm hits the coast - January 5, 2008\n\n{BODY}\n", "bylines")


class TestNavigation:
    @pytest.mark.parametrize(
        ("line", "kind"),
        [
            ("Home » Sport » Football » A-League", "menu or breadcrumb"),
            ("首页 > 科技频道 > 探索者 > 正文", "menu or breadcrumb"),
            ("Login | Learn more | Get a free trial", "menu or breadcrumb"),
            ("Tags: vista, os, microsoft", "tag list"),
            ("« Previous", "pagination"),
            ("Page 1 of 2", "pagination"),
            ("1 2 3 Next", "pagination"),
        ],
    )
    def test_navigation(self, line, kind):
        [(text, reason)] = removals(f"{BODY}\n{line}\n{BODY}\n", "navigation")
        assert text == line and reason.startswith(kind)

    @pytest.mark.parametrize(
        "line",
        [
            "The vote was 52/48 in favour.",
            "Topics: the minister said the budget would pass.",
            "Obama, Clinton tied in 2008 Democratic race | Video",
            "http://www.example.org/my/archives/2364",
            "Next week the council meets again.",
        ],
    )
    def test_prose_stays(self, line):
        assert kept(f"{BODY}\n{line}\n{BODY}\n", "navigation")


class TestComments:
    STORY = "\n".join([BODY] * 4)

    def test_section_from_the_heading_with_signatures(self):
        text = (f"{self.STORY}\nComments (2)\nGreat story, thanks.\nPosted by: reader1 | January 7, 2008 at 03:06 PM\n"
                "I disagree with the mayor.\nPosted by: reader2 | January 7, 2008 at 04:11 PM\n")
        dropped = removals(text, "comments")
        assert [t for t, _ in dropped][0] == "Comments (2)" and len(dropped) == 5
        assert dropped[0][1] == "comment section from line 5 ('Comments (2)')"

    def test_a_comments_counter_in_the_story_is_not_a_section(self):
        text = f"Comments (12)\n{self.STORY}\nThe mayor will reply to readers next week.\n"
        assert kept(text, "comments")

    def test_a_blog_front_page_keeps_every_post(self):
        # Each post ends with a footer that is signed like a comment; the
        # first post's footer is no comment section (it was: all else went).
        posts = [f"Post {n} title\n{self.STORY}\nPosted by Anna Berg at {n}:20 AM | Permalink | Comments ({n})\n"
                 for n in (1, 2, 3)]
        assert kept("".join(posts), "comments")

    def test_comments_below_a_post_footer_still_go(self):
        text = (f"{self.STORY}\nPosted by Anna Berg at 9:20 AM | Permalink | 2 comments\nComments\n"
                "Great story, thanks.\nPosted by: reader1 | January 7, 2008 at 03:06 PM\n"
                "I disagree with the mayor.\nPosted by: reader2 | January 7, 2008 at 04:11 PM\n")
        assert [t for t, _ in removals(text, "comments")] == text.splitlines()[5:]

    def test_signatures_need_a_story_above(self):
        text = "Nice.\nPosted by a | Jan 7, 2008 at 03:06 PM\nBad.\nPosted by b | Jan 7, 2008 at 04:06 PM\n"
        assert kept(text, "comments")


class TestMarkup:
    @pytest.mark.parametrize(
        ("line", "kind"),
        [
            ('<a href="http://ads.example.com/click?x=1">', "HTML"),
            ("<div class='promo'></div>", "HTML"),
            ("if (document.layers) {document.write('<img src=x>');}", "script code"),
            ("});", "script code"),
        ],
    )
    def test_markup(self, line, kind):
        [(text, reason)] = removals(f"{BODY}\n{line}\n{BODY}\n", "markup")
        assert text == line and reason.startswith(kind)

    @pytest.mark.parametrize(
        "line",
        ["The <b>bold</b> plan was approved by the council on Monday.", "Use the <br> tag to break lines, she said."],
    )
    def test_text_with_an_inline_tag_stays(self, line):
        assert kept(f"{BODY}\n{line}\n", "markup")

    @pytest.mark.parametrize(
        "line",
        [
            '<a title="a > b">x</a> and more text here', "<a b='x>y", "<!-- a <b>x</b> -- > tail", "x < 5 and <b>y</b>",
            "<The Palace: Jang Noksu> is on tonight", "<a <b>x</b>", "<p don't>text</p>", "<a =\"x>\">y</a>",
            "<br/><p =\"<br/>", "<b>a</b></>b", "<![CDATA[kept]]> <i>x</i>", "<a b=c'd=\"x>y\">z", "<SCRIPT>x()</SCRIPT>",
            "<noscript", "<a href=x>one</a> <?php echo 1 ?> two &amp; three", "<div\tclass=a>x</div>  <!---->",
        ],
    )
    def test_a_line_is_read_as_beautifulsoup4_reads_it(self, line):
        from bs4 import BeautifulSoup

        from cleaner.filters.markup import _Reading

        soup = BeautifulSoup(line, "html.parser")
        hidden = soup.find(["script", "style", "noscript", "iframe"]) is not None
        assert _Reading(line).hidden_and_visible() == (hidden, 0 if hidden else len(soup.get_text(" ", strip=True)))

    def test_entities_are_decoded_in_kept_lines(self):
        assert cleaner.clean("Tom &amp; Jerry met at the caf&eacute;.\n") == "Tom & Jerry met at the café.\n"
        assert cleaner.clean("Escaped twice: &amp;amp;\n") == "Escaped twice: &amp;amp;\n"


class TestNotices:
    def test_author_contact_at_the_end(self):
        text = f"{BODY}\n{BODY}\nWrite to Al Root at al.root@example.com\n"
        assert removals(text, "author-notes") == [
            ("Write to Al Root at al.root@example.com", "author contact 'Write to Al Root at al.root@example.com'")
        ]

    def test_contributed_reporting_stays(self):
        assert kept(f"{BODY}\nKeith Bradsher contributed reporting from Hong Kong.\n", "author-notes")

    def test_syndication_is_off_by_default_and_works_when_enabled(self):
        text = f"{BODY}\n© 2019 Example Communications, Inc.\nCopyright lawyers said the ruling was narrow.\n"
        assert "syndication" not in Config().filters
        assert removals_with(text, "syndication") == [
            ("© 2019 Example Communications, Inc.", "copyright line '© 2019 Example Communications, Inc.'")
        ]

    def test_affiliate_disclosure_when_enabled(self):
        text = f"{BODY}\nIf you buy something through this post, we may get a share of the sale.\n"
        [(_, reason)] = removals_with(text, "affiliate")
        assert reason.startswith("affiliate disclosure")


class TestBodyRegion:
    def test_menus_and_footers_around_the_story_go(self):
        story = "\n".join([BODY] * 5)
        menu = "\n".join(["News", "Sport", "Weather", "Local councils", "Opinion"])
        footer = "About the paper\nContact the newsroom\nJobs at the paper\n"
        dropped = removals_with(f"{menu}\n{story}\n{footer}", "body-region")
        assert {text for text, _ in dropped} == set(menu.split("\n")) | set(footer.split("\n")[:-1])
        assert all(reason == "outside the article's blocks of text" for _, reason in dropped)

    def test_lists_and_tables_stay(self):
        story = "\n".join([BODY] * 5)
        text = f"{story}\nFinal standings:\n1. Nordqvist 68\n2. Ko 70\nGroup A: Iceland 3 points\n"
        assert removals_with(text, "body-region") == []


class TestRelatedBlocks:
    def test_a_label_below_the_story_takes_its_headlines(self):
        text = (f"{BODY}\n{BODY}\nMost Popular\nMinister quits over expenses row\n"
                "Storm closes coastal roads\nCity wins cup final\n")
        dropped = removals(text, "teasers")
        assert [t for t, _ in dropped] == [
            "Most Popular", "Minister quits over expenses row", "Storm closes coastal roads", "City wins cup final"
        ]
        assert dropped[1][1] == "headline after the teaser label on line 3"

    def test_inside_the_story_a_label_takes_no_block(self):
        text = f"{BODY}\nRelated\nThe Plan\nThe Vote\n{BODY}\n"
        assert [t for t, _ in removals(text, "teasers")] == ["Related"]


class TestStoryEnd:
    STORY = "\n\n".join([BODY] * 4)

    def test_everything_below_a_tag_list_after_the_story_goes(self):
        text = (f"{self.STORY}\n\nTags: council, budget, Springfield\n\nMore from Springfield\n"
                "Mayor opens new library in the old station building this week.\n12 comments\n")
        assert removals(text, "story-end") == [
            ("More from Springfield", "below the tag list on line 9, where the story ends"),
            ("Mayor opens new library in the old station building this week.",
             "below the tag list on line 9, where the story ends"),
            ("12 comments", "below the tag list on line 9, where the story ends"),
        ]

    def test_a_menu_above_the_story_ends_nothing(self):
        # Below 30% of the words, and above the story's body: a site menu or breadcrumb.
        assert kept(f"Home | News | Sport | Weather\n\n{self.STORY}\n\nThe end of the story.\n", "story-end")
        sidebar = "\n".join(f"Sidebar headline number {n} here" for n in range(40))
        assert kept(f"{sidebar}\nHome | News | Sport\n{self.STORY}\n", "story-end")

    def test_pagination_ends_nothing(self):
        assert kept(f"{self.STORY}\n\n1 / 3\n\n{BODY}\n\nNext »\n\n{BODY}\n", "story-end")

    def test_a_comment_prompt_or_the_site_copyright_ends_the_story(self):
        for marker, kind in [("12 Comments", "comment section's heading"),
                             ("Leave a comment", "comment section's heading"),
                             ("© 2019 Springfield Media. All rights reserved.", "copyright notice"),
                             ("© 2024 Beispiel Verlag. Alle Rechte vorbehalten.", "copyright notice")]:
            text = f"{self.STORY}\n\n{marker}\n\nMost read\nMayor opens new library\n"
            assert removals(text, "story-end") == [
                ("Most read", f"below the {kind} on line 9, where the story ends"),
                ("Mayor opens new library", f"below the {kind} on line 9, where the story ends"),
            ], marker

    @pytest.mark.parametrize("marker", [
        "Comments", "Kommentare", "Discussion", "Pros | Cons | Verdict", "Close",
        "Media playback is unsupported on your device", "© 2019 Getty Images", "Category: Best picture",
    ])
    def test_subheads_menus_chrome_and_photo_credits_end_nothing(self, marker):
        assert kept(f"{self.STORY}\n\n{marker}\n\nMost read\nMayor opens new library\n", "story-end")

    def test_a_notice_quoted_after_a_colon_or_followed_by_a_sentence_ends_nothing(self):
        notice = "© 2019 Pierre Martin. All rights reserved."
        assert kept(f"{self.STORY}\n\nEach photo carries the notice:\n\n{notice}\n\nThe hearing is in March\n",
                    "story-end")
        assert kept(f"{self.STORY}\n\n{notice}\n\nThe hearing is set for March.\n", "story-end")

    def test_the_story_going_on_below_the_line_ends_nothing(self):
        longer = "\n\n".join([BODY] * 6)
        assert kept(f"{longer}\n\n12 Comments\n\nFirst reader\n\n{longer}\n", "story-end")


STORIES_THAT_GO_ON = sorted((ROOT / "fixtures" / "story-goes-on").glob("*.txt"))


@pytest.mark.parametrize("path", STORIES_THAT_GO_ON, ids=lambda path: path.stem)
def test_real_stories_with_ending_like_lines_inside_lose_nothing_to_story_end(path):
    # Articles in seven languages where a menu, chrome, a "Comments" subhead, a
    # quoted notice or a photo credit stands inside or near the end of the story:
    # with the other filters around it, story-end takes nothing.
    text = path.read_text(encoding="utf-8")
    assert cleaner.clean(text) == cleaner.clean(text, Config.select(disable=["story-end"]))
