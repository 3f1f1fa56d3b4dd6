"""`orgwork serve`: a page on the planner's own machine over the library.

It lists the instance and scenario files of one folder; opening one solves it in a thread of
its own (with progress and a stop) and shows the key figures, the timeline and the annex as the
HTML report does; the planner drags a row or a block to another meeting, or changes an estimate,
a pin or the meetings granted, and the validator judges the edited annex at once, as `orgwork
check` judges an edited file; a re-plan keeps the planner's moves as agreed rows; scenario files
are compared; drafts are exported in every format and saved back to the folder only when asked.

Modules: `app` (the Flask app and the server), `safety` (host, token, paths, sizes), `folder`
(the files listed), `jobs` (work off the request thread), `placement` (the planner's moves),
`workspace` (one opened file's state), `views` (what the templates show), `routes`.
"""
