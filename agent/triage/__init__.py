"""Symptom triage: red flags, follow-up question protocols and reviewed self-care advice."""
