;;; witsmith.el --- Smithy IDL and WIT modes wired to the witsmith language server  -*- lexical-binding: t; -*-

;; Keywords: languages, smithy, wit, webassembly
;; Package-Requires: ((emacs "27.1"))

;;; Commentary:

;; Two small major modes, `smithy-mode' and `wit-mode' (comments, strings,
;; keywords), that the language server clients attach to, and the
;; registration of `witsmith serve' with eglot and with lsp-mode.  Load it
;; with
;;
;;   (add-to-list 'load-path "/path/to/witsmith/editors/emacs")
;;   (require 'witsmith)
;;   (add-hook 'smithy-mode-hook #'eglot-ensure)   ; or #'lsp-deferred
;;   (add-hook 'wit-mode-hook #'eglot-ensure)
;;
;; If another package already provides a `smithy-mode' or `wit-mode', ours are
;; not defined and the server is registered for theirs.  See editors/README.md
;; for tree-sitter (Emacs 29+) notes.

;;; Code:

(defgroup witsmith nil
  "Smithy IDL and WIT with the witsmith language server."
  :group 'languages)

(defcustom witsmith-server-command '("witsmith" "serve")
  "Command line that starts the witsmith language server."
  :type '(repeat string))

(defconst witsmith--smithy-keywords
  '("namespace" "use" "metadata" "apply" "with" "for"
    "structure" "union" "list" "set" "map" "enum" "intEnum"
    "service" "operation" "resource"))

(defconst witsmith--smithy-types
  '("blob" "boolean" "string" "byte" "short" "integer" "long" "float" "double"
    "bigInteger" "bigDecimal" "timestamp" "document"))

(defconst witsmith--wit-keywords
  '("package" "world" "interface" "type" "record" "variant" "enum" "flags"
    "resource" "use" "import" "export" "include" "as" "with" "func"
    "async" "static" "constructor" "from"))

(defconst witsmith--wit-types
  '("bool" "char" "string" "s8" "s16" "s32" "s64" "u8" "u16" "u32" "u64" "f32" "f64"
    "list" "map" "option" "result" "tuple" "borrow" "own" "future" "stream" "error-context"))

(defun witsmith--syntax-table ()
  (let ((table (make-syntax-table)))
    ;; `//' line comments and nestable `/* */' block comments.
    (modify-syntax-entry ?/ ". 124b" table)
    (modify-syntax-entry ?* ". 23n" table)
    (modify-syntax-entry ?\n "> b" table)
    (modify-syntax-entry ?\" "\"" table)
    (modify-syntax-entry ?_ "_" table)
    (modify-syntax-entry ?- "_" table)
    (modify-syntax-entry ?@ "'" table)
    table))

(defun witsmith--font-lock (keywords types)
  `((,(concat "^\\s-*///.*$") 0 font-lock-doc-face t)
    (,(concat "@[[:alnum:]_.#]+") . font-lock-preprocessor-face)
    (,(regexp-opt keywords 'symbols) . font-lock-keyword-face)
    (,(regexp-opt types 'symbols) . font-lock-type-face)))

(defun witsmith--setup-buffer (keywords types)
  (setq-local comment-start "// ")
  (setq-local comment-end "")
  (setq-local comment-start-skip "//+\\s-*")
  (setq-local indent-tabs-mode nil)
  (setq-local font-lock-defaults (list (witsmith--font-lock keywords types))))

(unless (fboundp 'smithy-mode)
  (define-derived-mode smithy-mode prog-mode "Smithy"
    "Major mode for Smithy IDL files, for use with the witsmith language server."
    :syntax-table (witsmith--syntax-table)
    (witsmith--setup-buffer witsmith--smithy-keywords witsmith--smithy-types)
    (setq-local tab-width 4)))

(unless (fboundp 'wit-mode)
  (define-derived-mode wit-mode prog-mode "WIT"
    "Major mode for WIT files, for use with the witsmith language server."
    :syntax-table (witsmith--syntax-table)
    (witsmith--setup-buffer witsmith--wit-keywords witsmith--wit-types)
    (setq-local tab-width 4)))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.smithy\\'" . smithy-mode))
;;;###autoload
(add-to-list 'auto-mode-alist '("\\.wit\\'" . wit-mode))

;;; eglot

(defvar eglot-server-programs)
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               `(((smithy-mode :language-id "smithy")
                  (wit-mode :language-id "wit")
                  (smithy-ts-mode :language-id "smithy")
                  (wit-ts-mode :language-id "wit"))
                 . ,witsmith-server-command)))

;;; lsp-mode

(defvar lsp-language-id-configuration)
(declare-function lsp-register-client "lsp-mode")
(declare-function make-lsp-client "lsp-mode")
(declare-function lsp-stdio-connection "lsp-mode")
(declare-function lsp-activate-on "lsp-mode")
(with-eval-after-load 'lsp-mode
  (dolist (entry '((smithy-mode . "smithy") (smithy-ts-mode . "smithy")
                   (wit-mode . "wit") (wit-ts-mode . "wit")
                   ("\\.smithy\\'" . "smithy") ("\\.wit\\'" . "wit")))
    (add-to-list 'lsp-language-id-configuration entry))
  (when (fboundp 'lsp-register-client)
    (lsp-register-client
     (make-lsp-client
      :new-connection (lsp-stdio-connection (lambda () witsmith-server-command))
      :activation-fn (lsp-activate-on "smithy" "wit")
      :server-id 'witsmith))))

(provide 'witsmith)
;;; witsmith.el ends here
