"""Campaigns: models, the deliverable workflow, due dates in local time, and reminder plans.

Pure domain code: no Slack, no database. Storage and Slack rendering build on these models.
"""
