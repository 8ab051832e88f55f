"""hwlib: the shared helpers of the DeepBind-style CNN course kit."""

import os

# Keep TensorFlow's C++ start-up log lines out of notebook outputs.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
