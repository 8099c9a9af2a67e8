"""Voice satellites: one that announces, with the speaker built into its device."""

from __future__ import annotations

from homeassistant.components.assist_pipeline import PipelineEvent, PipelineEventType
from homeassistant.components.assist_satellite import (
    AssistSatelliteAnnouncement,
    AssistSatelliteConfiguration,
    AssistSatelliteEntity,
    AssistSatelliteEntityFeature,
)

from .integration import device_info
from .speakers import Speaker


class Satellite(AssistSatelliteEntity):
    """A voice satellite (a Voice PE) that records its announcements.

    Its announcement returns once played, at the volume of the speaker built
    into the same device.
    """

    _attr_has_entity_name = True
    _attr_name = None
    _attr_supported_features = AssistSatelliteEntityFeature.ANNOUNCE

    def __init__(self, key: str, name: str, *, device: str | None = None) -> None:
        """Create a satellite."""
        self._attr_unique_id = f"satellite_{key}"
        self._attr_device_info = device_info(device or key, name)
        self.announcements: list[AssistSatelliteAnnouncement] = []
        # The speaker built into the same device, whose volume it plays at.
        self.speaker: Speaker | None = None
        self.speaker_volumes: list[float | None] = []

    async def async_announce(self, announcement: AssistSatelliteAnnouncement) -> None:
        """Play the announcement."""
        self.announcements.append(announcement)
        if self.speaker is not None:
            self.speaker_volumes.append(self.speaker.volume_level)

    def on_pipeline_event(self, event: PipelineEvent) -> None:
        """Voice pipelines are not used here."""

    def async_get_configuration(self) -> AssistSatelliteConfiguration:
        """No wake words."""
        return AssistSatelliteConfiguration(
            available_wake_words=[], active_wake_words=[], max_active_wake_words=1
        )

    async def async_set_configuration(
        self, config: AssistSatelliteConfiguration
    ) -> None:
        """Nothing to configure."""


class AskingSatellite(Satellite):
    """A voice satellite that can start a conversation and so ask a question.

    As a real one: the question is played first, then it listens; what the
    person says arrives later, as the speech-to-text result of its pipeline
    (`hear`), or the pipeline ends with nothing heard (`hear_nothing`). Asked
    while it is still asking, it is busy.
    """

    _attr_supported_features = (
        AssistSatelliteEntityFeature.ANNOUNCE
        | AssistSatelliteEntityFeature.START_CONVERSATION
    )

    def __init__(self, key: str, name: str, *, device: str | None = None) -> None:
        """Create a satellite that asks."""
        super().__init__(key, name, device=device)
        self.questions: list[AssistSatelliteAnnouncement] = []

    async def async_start_conversation(
        self, start_announcement: AssistSatelliteAnnouncement
    ) -> None:
        """Play the question; the answer comes later through the pipeline."""
        self.questions.append(start_announcement)

    @property
    def listening(self) -> bool:
        """Whether it has asked and waits for an answer."""
        return self._ask_question_future is not None

    def hear(self, text: str) -> None:
        """The person answers: the pipeline's speech-to-text result."""
        self._internal_on_pipeline_event(
            PipelineEvent(PipelineEventType.STT_END, {"stt_output": {"text": text}})
        )
        self._internal_on_pipeline_event(PipelineEvent(PipelineEventType.RUN_END))

    def hear_nothing(self) -> None:
        """Nobody answered: the pipeline ends without text."""
        self._internal_on_pipeline_event(PipelineEvent(PipelineEventType.RUN_END))
