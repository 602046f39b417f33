# Troubleshooting scripts.

event-script-started = script started
event-script-answer = script answer
event-script-left = script left
event-script-finished = script finished
timeline-script-started = script started: { $title }
timeline-script-answer = { $question } → { $answer }
timeline-script-left = script left for later: { $title }
timeline-script-finished = script finished: { $title }
