# De kennisbank: artikelen, zoeken en het artikelpaneel.

event-article-sent = artikel gestuurd
timeline-article-sent = artikel naar de beller gestuurd: { $title }
