"""News from the threads that open the audio device, look for the music and analyse it, on its
way to the controller through the screen's message queue."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from ..listening.news import News


@dataclass
class Arrived(Message):
    """News for the controller (`Listening.arrive`)."""

    news: News
