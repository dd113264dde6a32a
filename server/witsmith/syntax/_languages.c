/* Exposes the compiled Smithy and WIT grammars to py-tree-sitter.
 *
 * Each function returns a capsule named "tree_sitter.Language", which
 * tree_sitter.Language() accepts directly.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct TSLanguage TSLanguage;

const TSLanguage *tree_sitter_smithy(void);
const TSLanguage *tree_sitter_wit(void);

static PyObject *smithy_language(PyObject *self, PyObject *unused) {
    return PyCapsule_New((void *)tree_sitter_smithy(), "tree_sitter.Language", NULL);
}

static PyObject *wit_language(PyObject *self, PyObject *unused) {
    return PyCapsule_New((void *)tree_sitter_wit(), "tree_sitter.Language", NULL);
}

static PyMethodDef methods[] = {
    {"smithy", smithy_language, METH_NOARGS, "The Smithy IDL grammar as a tree-sitter language capsule."},
    {"wit", wit_language, METH_NOARGS, "The WIT grammar as a tree-sitter language capsule."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_languages", "Compiled witsmith grammars.", -1, methods,
};

PyMODINIT_FUNC PyInit__languages(void) { return PyModule_Create(&module); }
