# Helpers shared by every target.

# Warnings for our own code (third-party headers come in as system includes).
function(redit_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wno-unused-parameter)
endfunction()

# LibTorch headers are large: every target that includes them gets them precompiled once.
# Only the narrow headers: ATen tensors and autograd, never <torch/torch.h>.
function(redit_torch_pch target)
  target_precompile_headers(${target} PRIVATE
    <ATen/ATen.h>
    <torch/csrc/autograd/autograd.h>
    <vector> <string> <memory> <unordered_map> <functional>)
endfunction()
