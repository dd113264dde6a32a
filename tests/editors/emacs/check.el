;;; check.el --- run by test_emacs.py in `emacs --batch'  -*- lexical-binding: t; -*-
;; Opens the files given after `--', lets eglot start witsmith, waits (bounded)
;; for flymake diagnostics, and prints one JSON object per file.

(require 'package)
(package-initialize)
(require 'json)
(add-to-list 'load-path (getenv "WITSMITH_EMACS_DIR"))
(require 'witsmith)
(require 'eglot)
(require 'flymake)

(defun witsmith-check--wait (predicate seconds)
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall predicate)))

(defun witsmith-check--diagnostic-code (d)
  (let ((data (ignore-errors (flymake-diagnostic-data d))))
    (or (and (listp data) (plist-get (or (plist-get data :eglot-lsp-diag) data) :code))
        (and (stringp (flymake-diagnostic-text d))
             (string-match "\\(smithy\\|wit\\)/[a-z-]+" (flymake-diagnostic-text d))
             (match-string 0 (flymake-diagnostic-text d))))))

(dolist (file (cdr (member "--" command-line-args)))
  (let ((buffer (find-file-noselect file))
        (result nil))
    (with-current-buffer buffer
      (eglot-ensure)
      ;; eglot-ensure connects from post-command-hook; run what it queued.
      (run-hooks 'post-command-hook)
      (let ((connected (witsmith-check--wait (lambda () (eglot-current-server)) 10)))
        (when connected (flymake-start))
        (witsmith-check--wait (lambda () (flymake-diagnostics)) 10)
        (setq result
              `((file . ,file)
                (major_mode . ,(symbol-name major-mode))
                (connected . ,(if connected t :json-false))
                (server . ,(and connected
                                (plist-get (eglot--server-info (eglot-current-server)) :name)))
                (diagnostics . ,(vconcat
                                 (mapcar (lambda (d)
                                           `((text . ,(flymake-diagnostic-text d))
                                             (code . ,(witsmith-check--diagnostic-code d))))
                                         (flymake-diagnostics))))))))
    (princ (concat "WITSMITH-RESULT " (json-encode result) "\n"))))

(dolist (server (ignore-errors (hash-table-values eglot--servers-by-project)))
  (dolist (s server) (ignore-errors (eglot-shutdown s))))
(kill-emacs 0)
