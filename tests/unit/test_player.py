"""The player takes a line's effects back out of the review as it is by then: after an
undo put fresh copies in place, and never what the room changed since."""

from pmtui.document.model import Review
from pmtui.training import scenario, scenario_files
from pmtui.training.player import Player
from pmtui.training.scenario import Scenario

SCRIPT = Scenario.model_validate(
    {
        "title": "Drill",
        "scenes": [
            {
                "title": "Agree",
                "lines": [
                    {
                        "speaker": "Chun",
                        "text": "Two actions, a finding and a decision.",
                        "effects": [
                            {"add": "action", "title": "Add alerts", "owner": "Adam"},
                            {"add": "action", "title": "Keep logs longer", "owner": "Dan"},
                            {"add": "finding", "field": "root_cause", "text": "No alerts."},
                            {"add": "decision", "text": "Alert on the key variables."},
                        ],
                    }
                ],
            }
        ],
    }
)


def test_back_finds_what_a_line_added_in_fresh_copies_of_the_review():
    review = Review()
    player = Player(SCRIPT, review)
    player.next()
    assert [a.title for a in review.actions] == ["Add alerts", "Keep logs longer"]
    review.become(review.model_copy(deep=True))  # an undo or a reload: new parts, same values
    player.back()
    assert review.actions == [] and review.incident.root_cause == ""
    assert review.meeting.decisions == []


def test_back_leaves_what_the_room_changed_since():
    review = Review()
    player = Player(SCRIPT, review)
    player.next()
    review.actions[0].title = "Add alerts on the key variables"  # the room reworded it
    review.incident.root_cause += " And no logs."
    player.back()
    assert [a.title for a in review.actions] == ["Add alerts on the key variables"]
    assert review.incident.root_cause == "No alerts. And no logs."


def test_forward_again_finds_the_action_the_room_edited_and_adds_no_second_one():
    """Back and forward over a line added its action again beside the room's edit of it
    (A1 edited, then A3: the same action twice)."""
    review = Review()
    player = Player(SCRIPT, review)
    player.next()
    review.actions[0].title = "Add alerts (with Selma)"
    player.back()
    review.become(review.model_copy(deep=True))  # the autosave, an undo: fresh copies
    player.next()
    assert [(a.id, a.title) for a in review.actions] == [
        ("A1", "Add alerts (with Selma)"),
        ("A2", "Keep logs longer"),
    ]


def test_forward_again_keeps_the_paragraph_the_room_edited_as_its_only_copy():
    """The edited root cause got the line's paragraph a second time after it."""
    review = Review()
    player = Player(SCRIPT, review)
    player.next()
    review.incident.root_cause = "No alerts on the key variables."
    player.restart()
    player.next()
    assert review.incident.root_cause == "No alerts on the key variables."


def test_forward_again_finds_an_edited_decision():
    review = Review()
    player = Player(SCRIPT, review)
    player.next()
    review.meeting.decisions[0] = "Alert on the key variables, and page."
    player.back()
    player.next()
    assert review.meeting.decisions == ["Alert on the key variables, and page."]


def test_forward_again_finds_an_edited_decision_after_the_room_deleted_one_before_it():
    """Found by its place alone, the line's decision (edited) moved up when the room
    deleted its own before it, and forward again added a second copy."""
    review = Review()
    review.meeting.decisions.append("The room's own decision")
    player = Player(SCRIPT, review)
    player.next()
    review.meeting.decisions[1] = "Alert on the key variables, and page."
    player.back()
    del review.meeting.decisions[0]
    player.next()
    assert review.meeting.decisions == ["Alert on the key variables, and page."]


def test_forward_again_adds_anew_what_the_room_edited_then_deleted():
    review = Review()
    player = Player(SCRIPT, review)
    player.next()
    review.actions[0].title = "Add alerts (with Selma)"
    review.incident.root_cause = "No alerts on the key variables."
    player.back()
    del review.actions[0]
    review.incident.root_cause = ""
    player.next()
    assert [(a.id, a.title) for a in review.actions] == [
        ("A1", "Add alerts"),
        ("A2", "Keep logs longer"),
    ]
    assert review.incident.root_cause == "No alerts."


def test_back_still_takes_out_a_line_forward_again_found_once_the_room_undid_its_edit():
    review = Review()
    player = Player(SCRIPT, review)
    player.next()
    review.actions[0].title = "Add alerts (with Selma)"
    player.back()
    player.next()
    review.actions[0].title = "Add alerts"  # the room thought better of it
    player.back()
    player.next()
    player.back()
    assert review.actions == [] and review.incident.root_cause == ""


def quiz_player(answers: list[str], learners: tuple[str, ...] = ("Sam", "Alex")) -> Player:
    scenario = Scenario.model_validate(
        {
            "title": "Quiz",
            "scenes": [
                {
                    "title": "Ask",
                    "quiz": {"question": "Which?", "choices": list("ABCD"), "answers": answers},
                }
            ],
        }
    )
    player = Player(scenario, Review(), learners=learners)
    player.next()
    assert player.quiz is not None
    return player


def kept(player: Player) -> list[tuple[str, str, bool]]:
    return [(a.learner, a.answer, a.right) for a in player.review.quiz_answers]


def replayed_before() -> Review:
    """A review `SCRIPT` was played through before: quit, and opened again."""
    review = Review()
    Player(SCRIPT, review).next()
    return review


def test_restart_on_the_title_card_of_a_review_replayed_before_takes_out_what_it_added():
    review = replayed_before()
    Player(SCRIPT, review).restart()
    assert review.actions == [] and review.incident.root_cause == ""
    assert review.meeting.decisions == []


def test_going_back_leaves_a_paragraph_found_again_to_the_room_that_wrote_after_it():
    """The restart took the earlier replay's paragraph out; said again, the room wrote a
    paragraph after it: going back leaves both, however often the replay restarts."""
    review = replayed_before()
    player = Player(SCRIPT, review)
    player.restart()
    player.next()
    review.incident.root_cause += "\n\nAnd no logs."
    player.back()
    player.restart()
    assert review.incident.root_cause == "No alerts.\n\nAnd no logs."
    assert review.actions == []


THREE_LINES = Scenario.model_validate(
    {
        "title": "Drill",
        "scenes": [
            {
                "title": "Agree",
                "lines": [
                    {"speaker": "Chun", "text": "One."},
                    {"speaker": "Chun", "text": "Two."},
                    {
                        "speaker": "Chun",
                        "text": "Three.",
                        "effects": [{"add": "decision", "text": "Page the owner."}],
                    },
                ],
            }
        ],
    }
)


def test_what_an_earlier_replay_left_is_taken_out_once_never_the_rooms_own_again():
    """Each step back took out every later line's item again, by value: the decision the
    room typed itself, equal to one an earlier replay had left, went at the next step."""
    review = Review()
    Player(THREE_LINES, review).go_to(3)
    player = Player(THREE_LINES, review)  # reopened
    player.restart()  # the earlier replay's decision goes
    player.next()
    player.next()
    review.meeting.decisions.append("Page the owner.")  # the room types it itself
    player.back()
    assert review.meeting.decisions == ["Page the owner."]


def test_a_jump_forward_then_back_leaves_no_paragraph_of_the_replays():
    """Jumping forward said a line's paragraph beside a later one an earlier replay had
    left; that one then went, and going back found the field changed and left the line's
    paragraph, as if the room's."""
    script = scenario.load(scenario_files.bundled()["pet-clinic-dojo"])
    review = script.review.model_copy(deep=True)
    Player(script, review).go_to(10**6)  # replayed to the end, quit
    said = review.incident.moving_forward
    review.incident.moving_forward = said.replace("recovery as MTTR", "recovery as our MTTR")
    edited = next(p for p in review.incident.moving_forward.split("\n\n") if "our MTTR" in p)
    player = Player(script, review)  # reopened
    mttr = next(
        position
        for position, beat in enumerate(player.beats)
        if beat.line is not None
        and any(
            "recovery as MTTR" in effect.fields.get("text", "")
            for effect in script.scenes[beat.scene].lines[beat.line].effects
        )
    )
    player.go_to(mttr + 1)
    player.go_to(mttr - 1)
    fresh = Player(script, script.review.model_copy(deep=True))
    fresh.go_to(mttr - 1)
    expected = "\n\n".join(p for p in [fresh.review.incident.moving_forward, edited] if p)
    assert review.incident.moving_forward == expected


def test_a_second_round_of_answers_corrects_one_learner_and_keeps_the_others():
    """Choosing again once all have answered used to clear every answer but the new one."""
    player = quiz_player(["B"])
    for choice in (0, 3, 1):  # Sam A, Alex D, then Sam corrects to B
        player.choose(choice)
    player.reveal()
    assert kept(player) == [("Sam", "B", True), ("Alex", "D", False)]


def test_in_a_quiz_with_several_right_choices_each_learner_ticks_several():
    """Only all the right choices, and no other, are right: one of two used to be."""
    player = quiz_player(["A", "C"])
    for choice in (0, 2, 3, 3):  # Sam ticks A, C, D and unticks D
        player.choose(choice)
    player.next_learner()
    player.choose(0)  # Alex: A alone
    player.reveal()
    assert kept(player) == [("Sam", "A; C", True), ("Alex", "A", False)]


def test_each_answer_is_in_the_review_as_it_is_given_and_unticking_all_takes_it_out():
    """Answers were kept on the reveal only, so a replay quit before it lost them."""
    player = quiz_player(["A", "C"])
    player.choose(0)  # Sam ticks A
    assert kept(player) == [("Sam", "A", False)]
    player.choose(2)  # and C
    assert kept(player) == [("Sam", "A; C", True)]
    player.next_learner()
    player.choose(3)  # Alex: D
    player.choose(3)  # Alex unticks D: no answer
    assert kept(player) == [("Sam", "A; C", True)] and not player.revealed


def test_back_onto_a_revealed_quiz_shows_the_answers_the_review_keeps():
    """The bar showed the quiz unanswered while the file kept Sam's and Alex's answers."""
    player = quiz_player(["A", "C"])
    for choice in (0, 2):  # Sam: A and C
        player.choose(choice)
    player.next_learner()
    player.choose(3)  # Alex: D
    player.reveal()
    player.back()
    player.next()
    assert player.chosen == {"Sam": [0, 2], "Alex": [3]} and not player.revealed
    player.choose(1)  # Sam's turn again: B ticked as well
    player.reveal()
    assert kept(player) == [("Sam", "A; B; C", False), ("Alex", "D", False)]
