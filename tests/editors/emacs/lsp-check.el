;;; lsp-check.el --- run by test_emacs.py in `emacs --batch'  -*- lexical-binding: t; -*-
;; Opens the files given after `--' with lsp-mode, waits (bounded) for
;; witsmith's diagnostics, and prints one JSON object per file.

(require 'package)
(package-initialize)
(require 'json)
(add-to-list 'load-path (getenv "WITSMITH_EMACS_DIR"))
(require 'witsmith)
(require 'lsp-mode)
(setq lsp-auto-guess-root t
      lsp-enable-file-watchers nil
      lsp-enable-snippet nil
      lsp-restart 'ignore
      lsp-diagnostics-provider :none
      lsp-session-file (expand-file-name "lsp-session" temporary-file-directory))

(dolist (file (cdr (member "--" command-line-args)))
  (with-current-buffer (find-file-noselect file)
    (lsp)
    (let ((deadline (+ (float-time) 10)))
      (while (and (< (float-time) deadline)
                  (not (and (lsp-workspaces) (gethash (buffer-file-name) (lsp-diagnostics t)))))
        (accept-process-output nil 0.05)))
    (princ (concat "WITSMITH-RESULT "
                   (json-encode
                    `((file . ,file)
                      (servers . ,(vconcat (mapcar (lambda (w) (symbol-name (lsp--client-server-id (lsp--workspace-client w))))
                                                   (lsp-workspaces))))
                      (codes . ,(vconcat (mapcar (lambda (d) (lsp:diagnostic-code? d))
                                                 (gethash (buffer-file-name) (lsp-diagnostics t)))))))
                   "\n"))))
(kill-emacs 0)
