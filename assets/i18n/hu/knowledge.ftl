# Felismerés, üzemzavarok és kiemelt incidensek, eszkaláció, első hívásra megoldás.

event-escalated = eszkalálva
event-incident-linked = incidenshez kapcsolva
timeline-escalated = eszkalálva: { $group } ({ $tier }. szint)
timeline-incident-linked = kiemelt incidenshez kapcsolva: { $key }
