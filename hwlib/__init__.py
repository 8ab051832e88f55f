"""hwlib: the shared helpers of the DeepBind-style CNN course kit."""

import os

# Set before TensorFlow is imported: no C++ start-up log lines in notebook outputs;
# TensorFlow's reference kernels instead of oneDNN's, whose round-off can vary between runs;
# one thread per operation, because the thread count changes round-off (so results would
# depend on the number of cores) and parallel training runs one process per core anyway.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("TF_NUM_INTRAOP_THREADS", "1")
os.environ.setdefault("TF_NUM_INTEROP_THREADS", "1")
