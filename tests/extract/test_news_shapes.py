"""Shapes of real news the rules must read (issue 9), each written here in our own words.

Journalists name people in transliteration, stack titles, appoint people to posts, list
dozens of members, gloss names in parentheses and credit photos; these cases pin each shape
down with invented organisations and people wherever the rule does not need a real one.
"""

from __future__ import annotations

import pytest

from hankg.schema import Article


@pytest.mark.parametrize(
    ("text", "person", "org", "role"),
    [
        # a foreign name in transliteration before ORG TITLE
        ("마르코 벨리니 누리칩스 최고경영자(CEO)가 방한했다.", "마르코 벨리니", "누리칩스", "최고경영자"),
        ("에밀리 로즈 캐나다 토론토대 교수와 면담했다.", "에밀리 로즈", "토론토대", "교수"),
        # a one-syllable family name, which Kiwi may read as a common noun (수, 황, 왕)
        ("마르코 류 노바테크 최고기술책임자(CTO)가 설명했다.", "마르코 류", "노바테크", "최고기술책임자"),
        ("리사 수 누리칩스 CEO가 방한했다.", "리사 수", "누리칩스", "CEO"),
        # ORG의 TITLE이자 TITLE인 NAME: every post of the person
        ("다온랩의 공동 창업자이자 최고경영자(CEO)인 한지후는 글을 올렸다.", "한지후", "다온랩", "공동 창업자"),
        ("다온랩의 공동 창업자이자 최고경영자(CEO)인 한지후는 글을 올렸다.", "한지후", "다온랩", "최고경영자"),
        # ORG TITLE(으)로 발탁된 NAME
        ("과학기술정보통신부 장관으로 발탁된 윤서하 전 원장의 후임이다.", "윤서하", "과학기술정보통신부", "장관"),
        # stacked titles, a unit in Latin letters
        ("개발을 총괄한 오세린 누리칩스 AI Lab장 상무가 발표했다.", "오세린", "누리칩스", "Lab장"),
        ("개발을 총괄한 오세린 누리칩스 AI Lab장 상무가 발표했다.", "오세린", "누리칩스", "상무"),
        # a second word that Kiwi knows is the organisation, not a second name
        ("업계에선 김수현 현대차 상무가 이름을 올렸다.", "김수현", "현대차", "상무"),
        # the unit between organisation and title belongs to the title
        ("설명은 도하진 네이버클라우드 하이퍼스케일 AI 기술총괄이 맡았다.", "도하진", "네이버클라우드", "기술총괄"),
        ("권나래 새벽대 AI융합대학 석좌교수가 위촉됐다.", "권나래", "새벽대", "석좌교수"),
        # a curated name ending inside the title word
        ("이날 장도윤 NC AI대표가 발표했다.", "장도윤", "NC AI", "대표"),
        # a compound title kept whole
        ("위원회에는 임채원 한빛AI연구원 공동연구원장이 합류했다.", "임채원", "한빛AI연구원", "공동연구원장"),
    ],
)
def test_people_in_news_shapes(run, text, person, org, role):
    found = run(text)
    assert found.entity("person", person) is not None, found
    assert found.facts("works_at", person, org, role=role), found


def test_appointment_gives_the_post_to_each_name(run):
    found = run(
        "한빛AI연구원은 21일 신임 공동원장에 서도윤(왼쪽) 부사장(최고AI과학자·CSAI)과 "
        "남지호(오른쪽) 상무(선임 랩장 겸 데이터 인텔리전스 랩장)를 선임했다고 밝혔다."
    )
    for person, role in [
        ("서도윤", "공동원장"),
        ("서도윤", "부사장"),
        ("서도윤", "최고AI과학자"),
        ("남지호", "공동원장"),
        ("남지호", "상무"),
        ("남지호", "선임 랩장"),
        ("남지호", "데이터 인텔리전스 랩장"),
    ]:
        assert found.facts("works_at", person, "한빛AI연구원", role=role), (person, role, found)
    # the acronym in the parenthesis spells out the title before it: no post of its own
    assert not found.facts("works_at", "서도윤", "한빛AI연구원", role="CSAI"), found


def test_appointment_after_a_dateline_byline(run):
    # `(서울=OUTLET) NAME 기자 =`: the outlet after the city; the reporter is no subject of the sentence
    found = run(
        "(서울=한빛일보) 오가람 기자 = 누리칩스(123450)가 최근 신임 최고기술책임자(CTO)로 "
        "도하윤 인공지능(AI) 사내독립기업(CIC)장을 임명했다고 3일 밝혔다. 도하윤 CIC장은 개발을 이끌었다."
    )
    assert found.facts("works_at", "오가람", "한빛일보", role="기자"), found
    assert found.entity("organization", "서울=한빛일보") is None, found
    assert found.facts("works_at", "도하윤", "누리칩스", role="최고기술책임자"), found


def test_an_acronym_title_with_its_spelling_is_one_post(run):
    found = run("행사에는 오승민 다온랩 CTO(최고기술책임자)가 참석했다.")
    posts = [f for f in found.record.facts if f.relation == "works_at"]
    assert [f.role for f in posts] == ["CTO"], found


def test_career_after_a_back_reference(run):
    found = run(
        "새로 합류한 위원 중에는 고한결 새벽대 석좌교수가 있다. 고 석좌교수는 청와대 혁신담당관을 지냈고 "
        "방송통신위원회 상임위원, 국회 정책연구위원 등을 역임했다."
    )
    for org, role in [("청와대", "혁신담당관"), ("방송통신위원회", "상임위원"), ("국회", "정책연구위원")]:
        assert found.facts("works_at", "고한결", org, role=role), (org, found)


def test_a_title_after_another_persons_name_is_not_the_subjects(run):
    found = run("강지원 부위원장은 이날 석학인 에밀리 로즈 캐나다 토론토대 교수와 면담했다.")
    assert not found.facts("works_at", "강지원", "토론토대"), found
    assert found.facts("works_at", "에밀리 로즈", "토론토대", role="교수"), found


def test_founder_of_the_subject_company(run):
    found = run("누리칩스는 대형 포털의 핵심 연구원으로 일한 백승우 대표가 설립한 회사다.")
    assert found.facts("works_at", "백승우", "누리칩스", role="대표"), found


def test_photo_credit_is_a_reporter_of_the_articles_outlet(run_article):
    text = "[사진=문하윤 기자] 다온랩이 새 모델을 공개했다.\nⓒ 한빛경제 무단 전재 금지"
    found = run_article(Article(id="a", text=text, source="한빛경제"))
    assert found.entity("organization", "사진") is None, found
    assert found.facts("works_at", "문하윤", "한빛경제", role="기자"), found


@pytest.mark.parametrize(
    ("text", "orgs"),
    [
        # government bodies by their heads
        ("경찰청과 해양경찰청, 헌법재판소도 협력한다.", ["경찰청", "해양경찰청", "헌법재판소"]),
        # a legal form shared by several firms
        ("국내 대표 법무법인(한결·새봄·다온)도 협력한다.", ["법무법인 한결", "법무법인 새봄", "법무법인 다온"]),
        # a gloss inside the name
        ("국가인공지능(AI)전략위원회는 이날 분과 구성을 마쳤다.", ["국가인공지능전략위원회"]),
        # the kind of organisation before a name, and a listing after it
        ("해외 AI기업 벨로스, 카르디아, 미르텍 모델들이 상위권을 차지했다.", ["벨로스", "카르디아", "미르텍"]),
        ("글로벌 분석기관 '오르빗 애널리틱스'가 순위를 발표했다.", ["오르빗 애널리틱스"]),
        # a quoted alliance
        ("다온랩은 여러 기관과 함께 ‘K-음성 얼라이언스’를 운영한다.", ["K-음성 얼라이언스"]),
        # where someone built a career
        ("한지후 대표는 누리시스템즈에서 경력을 쌓았다.", ["누리시스템즈"]),
        # a unit named with its parent
        ("이 과제는 새벽대학교 의료원이 맡는다.", ["새벽대학교 의료원"]),
        # a curated name written with a space
        ("모델은 허깅 페이스에 공개됐다.", ["허깅페이스"]),
    ],
)
def test_organisations_in_news_shapes(run, text, orgs):
    found = run(text)
    for org in orgs:
        assert found.entity("organization", org) is not None, (org, found)


@pytest.mark.parametrize(
    ("text", "not_org"),
    [
        ("리벨리온, 누리칩스와 함께 게임·모빌리티 분야 실증을 맡는다.", "모빌리티"),  # a field
        ("SKT AI 사업과 기술 전략을 총괄한다.", "SKT AI"),  # a curated acronym and a word
        ("KT는 대표 기관들과 함께 데이터를 모았다.", "기관들"),  # a plural
        ("다온랩, 누리칩스와 함께 GPU 클러스터를 구축한다.", "GPU 클러스터"),
    ],
)
def test_not_organisations_in_news_shapes(run, text, not_org):
    found = run(text)
    assert found.entity("organization", not_org) is None, found
    assert found.entity("person", not_org) is None, found


@pytest.mark.parametrize(
    ("text", "person", "org", "role"),
    [
        # the title after the name, right before the verb of appointing
        ("다온랩은 남궁서 박사를 CTO로 영입했다고 밝혔다.", "남궁서", "다온랩", "CTO"),
        # 전 (former) is not part of the organisation
        ("회의에는 김태윤 전 청와대 비서관이 참석했다.", "김태윤", "청와대", "비서관"),
    ],
)
def test_appointments_and_former_posts(run, text, person, org, role):
    found = run(text)
    assert found.facts("works_at", person, org, role=role), found


@pytest.mark.parametrize(
    "text",
    [
        "이 기술은 신뢰성·안전성·투명성을 함께 높인다.",
        "전문가 평가위원들이 점수를 매겼다.",
        # a common noun Kiwi knows whole, before a title-like word
        "전문가 평가위원 과반이 검토했다.",
        "모델은 국내외 개발자와 연구자들로부터 관심을 받았다.",
        # a listing that holds a known organisation is no listing of names
        "그는 구글·인텔 등 글로벌 빅테크 출신이다.",
    ],
)
def test_derived_nouns_are_not_people(run, text):
    found = run(text)
    assert not [e for e in found.record.entities if e.kind == "person"], found


def test_a_career_quoted_by_the_speaker_is_not_the_speakers(run):
    found = run('하지훈 비서실장은 "새 수석은 다온랩 CTO를 지낸 전문가"라고 소개했다.')
    assert not found.facts("works_at", "하지훈", "다온랩"), found


def test_a_post_in_a_unit_named_before_it_is_not_the_appointers(run):
    found = run("대통령실은 한빛조정실 1차장에는 오태민 전 본부장을 임명했다.")
    assert not found.facts("works_at", "오태민", "대통령실"), found
    assert found.entity("person", "오태민") is not None, found


def test_a_model_glossed_in_parentheses_is_one_model(run):
    found = run("LG AI연구원이 새 모델 ‘K-엑사원(EXAONE)’을 공개했다.")
    assert found.entity("model", "K-엑사원") is not None, found
    assert found.entity("model", "엑사원") is None, found


@pytest.mark.parametrize(
    "text", ["(한빛경제=오가람 기자)정부가 심사를 시작한다.", "(한빛경제 = 오가람 기자) 정부가 심사를 시작한다."]
)
def test_a_byline_in_parentheses(run, text):
    found = run(text)
    assert found.facts("works_at", "오가람", "한빛경제", role="기자"), found


def test_a_photo_credit_in_parentheses_is_no_outlet(run):
    found = run("(사진=오가람 기자) 정부가 심사를 시작한다.")
    assert found.entity("organization", "사진") is None, found
    assert found.entity("person", "오가람") is not None, found


@pytest.mark.parametrize(
    ("text", "lead", "members"),
    [
        # a team named by its lead, then the members without the word 컨소시엄
        (
            "다온랩 팀은 통합 모델 개발을 목표로 한다. 마켓을 구축해 지원한다. "
            "참여 기관으로는 한빛대, 미르과학기술원(MIST), 가온대 등 산학연이 대거 참여했다.",
            "다온랩",
            ["한빛대", "미르과학기술원", "가온대"],
        ),
        ("누리칩스 정예팀은 한빛대, 미르소프트 등 10개 기관과 협력한다.", "누리칩스", ["한빛대", "미르소프트"]),
        (
            "누리칩스 팀은 멀티모달 모델을 구축해 AI를 확산한다. 가온게임즈, 한빛대, 미르소프트 등과 협력한다.",
            "누리칩스",
            ["가온게임즈", "한빛대", "미르소프트"],
        ),
    ],
)
def test_members_of_a_named_team(run, text, lead, members):
    found = run(text)
    assert found.entity("organization", lead) is not None, found
    for m in members:
        facts = found.facts("partner_of", m, lead)
        assert facts, (m, found)
        assert all(f.role is None or not f.role.startswith(("(", ")")) for f in facts), facts


def test_acronyms_spelled_in_hangul_are_the_curated_actor(run):
    # Korean news spells a curated acronym name letter by letter: 엔씨에이아이 is NC AI
    found = run("이날 행사에는 한도윤 엔씨에이아이 대표와 케이티 관계자가 참석했다.")
    assert found.entity("organization", "NC AI") is not None, found
    assert found.entity("organization", "KT") is not None, found
    assert found.facts("works_at", "한도윤", "NC AI", role="대표"), found


def test_spelled_out_forms():
    from hankg.extract.entities.known import spelled_out

    assert "엔씨에이아이" in spelled_out("NC AI")
    assert "엘지 AI연구원" in spelled_out("LG AI연구원")
    assert spelled_out("업스테이지") == []


def test_a_hereafter_alias_names_the_team_and_its_size(run):
    # `A(이하 B)`: B stands for A wherever it appears, also after an earlier mention of A;
    # `이 팀은 300B급 …` after the team's members is the team's size
    found = run(
        "이 사업에 누리칩스테크놀로지가 합류한다. 정부는 누리칩스테크놀로지(이하 누리칩스) 정예팀을 추가 선정했다. "
        "누리칩스 정예팀에는 모회사 다온랩을 비롯해 한빛대, 미르소프트 등이 참여한다. "
        "이 팀은 300B급 추론형 거대언어모델(LLM)을 시작으로 모델을 고도화하는 것을 목표로 한다."
    )
    for member in ("다온랩", "한빛대", "미르소프트"):
        assert found.facts("partner_of", member, "누리칩스테크놀로지"), (member, found)
    sizes = found.facts("parameters", "누리칩스테크놀로지")
    assert [f.value for f in sizes] == [3e11], found


def test_a_status_cue_modifies_the_noun_before_the_supplier(run):
    # `선정된 정예팀에는 A의 GPU를 지원`: the team is selected, not the GPU maker; a ticker does not end a listing
    found = run(
        "추가로 선정된 정예팀에는 가온칩스의 그래픽처리장치(GPU) B200을 768장 지원한다. "
        "1차 평가를 통과한 다온랩, 누리텔레콤(017670), 미르소프트 등 3개 팀은 2차 평가 준비에 착수했다."
    )
    assert not found.facts("programme_status", "가온칩스"), found
    for team in ("다온랩", "누리텔레콤", "미르소프트"):
        assert found.facts("programme_status", team, role="passed"), (team, found)


@pytest.mark.parametrize(
    ("text", "person", "org", "role"),
    [
        ("정치권에 따르면 한도윤 대통령이 위원장을 맡은 미르인공지능위원회는 위원을 추가했다.", "한도윤",
         "미르인공지능위원회", "위원장"),
        ("오가람 대표가 회장을 맡고 있는 미르협회는 성명을 냈다.", "오가람", "미르협회", "회장"),
    ],
)
def test_the_post_a_person_holds_in_the_organisation_after_it(run, text, person, org, role):
    found = run(text)
    assert found.facts("works_at", person, org, role=role), found
