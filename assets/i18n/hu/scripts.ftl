# Hibaelhárítási forgatókönyvek.

event-script-started = forgatókönyv elindítva
event-script-answer = válasz
event-script-left = forgatókönyv félbehagyva
event-script-finished = forgatókönyv befejezve
timeline-script-started = forgatókönyv elindítva: { $title }
timeline-script-answer = { $question } → { $answer }
timeline-script-left = forgatókönyv félbehagyva, később folytatható: { $title }
timeline-script-finished = forgatókönyv befejezve: { $title }
