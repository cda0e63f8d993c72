"""The local console and the stand-in for the Slack Web API: a dev tool that drives the app from outside."""
