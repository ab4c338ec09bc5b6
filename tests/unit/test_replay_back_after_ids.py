"""A line's events and factors go in with the ids a save would give them (`item_ids`): the
player takes them back out after a save, and finds them by those ids once the room has
edited them, before a save or after."""

from pmtui.document import item_ids
from pmtui.document.model import Review
from pmtui.training.player import Player
from pmtui.training.scenario import Scenario

SCRIPT = Scenario.model_validate(
    {
        "title": "Drill",
        "scenes": [
            {
                "title": "Re-run",
                "lines": [
                    {
                        "speaker": "Chun",
                        "text": "The upgrade, the outage, and why.",
                        "effects": [
                            {"add": "event", "at": "2026-11-13T18:00:00Z", "text": "Upgrade"},
                            {"add": "event", "at": "2026-11-13T18:05:00Z", "text": "Outage"},
                            {"add": "factor", "factor": "No alerts", "kind": "systemic"},
                        ],
                    }
                ],
            }
        ],
    }
)


def test_events_and_factors_go_in_with_the_ids_a_save_gives_and_back_takes_them_out():
    review = Review()
    player = Player(SCRIPT, review)
    player.next()
    ids = [item.id for item in [*review.timeline, *review.factors]]
    assert ids == [item_ids.content_id(item) for item in [*review.timeline, *review.factors]]
    assert item_ids.give_ids(review) == 0  # a save keeps them
    player.back()
    assert review.timeline == [] and review.factors == []


def test_forward_again_finds_the_event_the_room_edited_before_any_save():
    """The event the room reworded before the autosave was added a second time."""
    review = Review()
    player = Player(SCRIPT, review)
    player.next()
    review.timeline[0] = review.timeline[0].model_copy(update={"text": "Upgrade to Java 21"})
    review.factors[0].factor = "No alerts on the key variables"
    player.back()
    item_ids.give_ids(review)
    review.become(review.model_copy(deep=True))
    player.next()
    assert [e.text for e in review.timeline] == ["Upgrade to Java 21", "Outage"]
    assert [f.factor for f in review.factors] == ["No alerts on the key variables"]


def test_back_takes_them_out_of_a_reloaded_review_holding_the_ids():
    review = Review()
    player = Player(SCRIPT, review)
    player.next()
    item_ids.give_ids(review)
    review.become(review.model_copy(deep=True))
    player.back()
    assert review.timeline == [] and review.factors == []


def test_back_still_leaves_an_event_the_room_changed_after_the_save():
    review = Review()
    player = Player(SCRIPT, review)
    player.next()
    item_ids.give_ids(review)
    review.timeline[0].text = "Upgrade to Java 21"
    player.back()
    assert [e.text for e in review.timeline] == ["Upgrade to Java 21"]
    assert review.factors == []


def test_an_event_the_scenario_gives_an_id_is_taken_back_by_it():
    effect = {"add": "event", "id": "ev-1", "at": "2026-11-13T18:00:00Z", "text": "Upgrade"}
    line = {"speaker": "Chun", "text": "The upgrade.", "effects": [effect]}
    scene = {"title": "Re-run", "lines": [line]}
    script = Scenario.model_validate({"title": "Drill", "scenes": [scene]})
    review = Review()
    player = Player(script, review)
    player.next()
    item_ids.give_ids(review)
    assert review.timeline[0].id == "ev-1"
    player.back()
    assert review.timeline == []
