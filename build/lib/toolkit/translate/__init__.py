"""Machine translation with human review: engines, protection, memory, the workflow.

    protect.py   placeholders, numbers, URLs and Markdown never pass through the engine
    memory.py    translation memory: a segment is sent to an engine once
    engine.py    the Argos Translate engine (optional extra [mt]) and its models
    workflow.py  fill untranslated entries with checked machine drafts
"""
