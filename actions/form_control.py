"""Cancel, start over and skip at any question of any form, before the form reads an answer.

Every form's validation action derives from ControlledForm. It reads the reply with
bot.forms.replies; a command never reaches the form's own readers, so "never mind" is
not taken for a name and "next" is not a navigation command while a question waits.

- "cancel" ends the form: FORM_CANCELLED is set and no slot is asked for, so the form's
  done-rule runs its action, which sees the flag, says so and files nothing.
- "start over" clears the form's answers and asks its first question again.
- "skip" at an optional question is left to the form's readers (they read it as the
  question's skip value); at a required one the person hears that it is needed.
- "where am I?" hears how many questions are left and what comes after them, then the
  question again: no plan exists yet to show a place in.
- "back" asks the question answered before this one again (its answer cleared); "repeat"
  asks this one again. Neither is a move in a plan that does not exist yet.
"""

from __future__ import annotations

from abc import abstractmethod
from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.forms import replies

REQUESTED_SLOT = "requested_slot"
#: Set when the person cancelled a form; the action that runs when the form ends clears it.
FORM_CANCELLED = "form_cancelled"


def cancelled(tracker: Tracker) -> bool:
    """True when the form that just ended was cancelled rather than answered."""
    return bool(tracker.get_slot(FORM_CANCELLED))


class ControlledForm(FormValidationAction):
    """A form's validation action that understands cancel, start over and skip.

    Abstract (its name is left to each form), so rasa-sdk does not register it as an action.
    """

    #: The slots whose question may be skipped; the form's readers understand "skip" for these.
    optional_slots: frozenset[str] = frozenset()
    #: What "where am I?" hears at one of the form's questions: how many are left, then what comes.
    where_response = "utter_form_where"

    @abstractmethod
    def name(self) -> str:
        """The validation action's name: "validate_" and the form's name."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        """A command at one of this form's questions is carried out here; anything else is read as usual."""
        asked = tracker.get_slot(REQUESTED_SLOT)
        slots = self.domain_slots(domain)
        command = replies.control(tracker.latest_message.get("text") or "") if asked in slots else None
        if command == "cancel":
            return [SlotSet(FORM_CANCELLED, True), SlotSet(REQUESTED_SLOT, None)]
        if command == "restart":
            dispatcher.utter_message(response="utter_form_restarted")
            return [*(SlotSet(slot, None) for slot in slots), SlotSet(REQUESTED_SLOT, slots[0])]
        if command == "where":
            required = await self.required_slots(slots, dispatcher, tracker, domain)
            left = sum(1 for slot in required if slot == asked or tracker.get_slot(slot) is None)
            dispatcher.utter_message(response=self.where_response, left=left)
            return [SlotSet(REQUESTED_SLOT, asked)]
        if command == "repeat":
            return [SlotSet(asked, None), SlotSet(REQUESTED_SLOT, asked)]
        if command == "back":
            required = await self.required_slots(slots, dispatcher, tracker, domain)
            earlier = required[: required.index(asked)] if asked in required else []
            before = [slot for slot in earlier if tracker.get_slot(slot) is not None]
            if not before:
                dispatcher.utter_message(response="utter_form_first")
                return [SlotSet(asked, None), SlotSet(REQUESTED_SLOT, asked)]
            return [SlotSet(asked, None), SlotSet(before[-1], None), SlotSet(REQUESTED_SLOT, before[-1])]
        if command == "skip" and asked not in self.optional_slots:
            dispatcher.utter_message(response="utter_form_needed")
            return [SlotSet(asked, None), SlotSet(REQUESTED_SLOT, asked)]
        return await super().run(dispatcher, tracker, domain)
