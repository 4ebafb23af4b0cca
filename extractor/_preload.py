"""Imported by the batch forkserver (``multiprocessing.set_forkserver_preload``): builds
the pipeline once there (imports, every rule's compiled regexes, table readers) so every
worker forked from the server inherits it instead of paying that start-up again (jieba
stays lazy: see ``batch.warm_up``). Importing it elsewhere only costs that warm-up; it never raises."""
try:
    from .batch import warm_up

    warm_up(compile_rules=True)
except Exception:  # a worker warms up on its own and shows the problem in its first record
    pass
