# Herkenning, storingen en grote incidenten, escalatie, oplossen bij eerste contact.

event-escalated = geëscaleerd
event-incident-linked = gekoppeld aan incident
timeline-escalated = geëscaleerd naar { $group } (lijn { $tier })
timeline-incident-linked = gekoppeld aan groot incident { $key }
