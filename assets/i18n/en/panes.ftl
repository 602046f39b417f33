# panes
