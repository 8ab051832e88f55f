"""hwlib: the shared helpers of the DeepBind-style CNN course kit."""

import os

# Set before TensorFlow is imported: no C++ start-up log lines in notebook outputs, and
# TensorFlow's reference kernels instead of oneDNN's, whose round-off can vary between runs.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
