# Probleemscripts.

event-script-started = script gestart
event-script-answer = antwoord in script
event-script-left = script onderbroken
event-script-finished = script afgerond
timeline-script-started = script gestart: { $title }
timeline-script-answer = { $question } → { $answer }
timeline-script-left = script onderbroken, later verder: { $title }
timeline-script-finished = script afgerond: { $title }
