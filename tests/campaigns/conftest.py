from __future__ import annotations

import pytest

from bot.campaigns.models import Campaign, CampaignCreator
from tests.campaigns.factories import make_campaign, make_creator


@pytest.fixture
def campaign() -> Campaign:
    return make_campaign()


@pytest.fixture
def creator() -> CampaignCreator:
    return make_creator()
