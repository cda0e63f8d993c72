"""Content review: draft versions, their disclosure check before anyone reviews them, and decisions with reasons.

Pure domain: no database, Slack or HTTP (storage/drafts.py keeps it, bot/services/drafts.py runs its use cases).
"""
