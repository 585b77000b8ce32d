#!/usr/bin/env python3
"""PyTorch on this CPU or a CUDA GPU, side by side with the benchmark app (issues 10 and 17).

The same network as packages/resnet-graph (neon's cifar10_msra, He et al. 2015): conv3x3(16)+BN+ReLU,
three stages of n basic blocks at 16/32/64 filters, a fixed identity 1x1 stride-2 projection where the
shape changes, 8x8 average pool, bias-free affine to 10, batch norm, softmax cross-entropy; SGD with
momentum 0.9, weight decay 1e-4, lr 0.1; batch-norm epsilon 1e-3, running-average factor 0.9.
Inputs are random (seeded) on the 0..255 scale minus a mean, which costs the same as CIFAR bytes.

Prints ONE JSON line on stdout: a list of {depth, threads, batchSize, version, device, trainImagesPerSecond,
forwardImagesPerSecond} (on CUDA also peakMemoryBytes: the caching allocator's peak reservation during the
training steps). Exit 3 with one line on stderr when torch cannot be imported, 4 when --device cuda finds no GPU.
On CUDA every timed step ends with torch.cuda.synchronize(): kernels are queued, a returned call is no finished step.

  python3 tools/pytorch_resnet_bench.py --depths 3,5 --batch-size 128 --warmup 1 --steps 3 --threads 1,2
  python3 tools/pytorch_resnet_bench.py --depths 3,5,9,18 --device cuda --threads 1
"""
import argparse
import json
import statistics
import sys
import time

try:
    import torch
    from torch import nn
    import torch.nn.functional as F
except ImportError as error:  # the app turns this line into the table's PyTorch row
    print(f"PyTorch not installed: apt-get install python3-torch ({error})", file=sys.stderr)
    sys.exit(3)


def bn(channels, dims=2):
    # neon: epsilon 1e-3, running = 0.9 * running + 0.1 * batch (PyTorch's momentum is the 0.1).
    return (nn.BatchNorm2d if dims == 2 else nn.BatchNorm1d)(channels, eps=1e-3, momentum=0.1)


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = bn(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = bn(cout)
        self.extra = cout - cin
        self.stride = stride

    def shortcut(self, x):
        # neon's fixed identity 1x1 stride-2 projection: channel c to channel c, extra channels zero.
        if self.stride == 1 and self.extra == 0:
            return x
        return F.pad(x[:, :, :: self.stride, :: self.stride], (0, 0, 0, 0, 0, self.extra))

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        return F.relu(self.bn2(self.conv2(y)) + self.shortcut(x))


class Resnet(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 16, 3, 1, 1, bias=False), bn(16), nn.ReLU())
        blocks, cin = [], 16
        for stage, width in enumerate((16, 32, 64)):
            for i in range(n):
                blocks.append(Block(cin, width, 2 if stage > 0 and i == 0 else 1))
                cin = width
        self.blocks = nn.Sequential(*blocks)
        self.affine = nn.Linear(64, 10, bias=False)
        self.head_bn = bn(10, dims=1)
        for m in self.modules():
            if isinstance(m, (nn.Conv2d, nn.Linear)):
                nn.init.kaiming_normal_(m.weight, nonlinearity="relu")  # std sqrt(2 / fan_in)

    def forward(self, x):
        x = F.avg_pool2d(self.blocks(self.stem(x)), 8).flatten(1)
        return self.head_bn(self.affine(x))


def timed(step, warmup, steps, sync):
    for _ in range(warmup):
        step()
    sync()
    times = []
    for _ in range(steps):
        start = time.perf_counter()
        step()
        sync()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(n, threads, batch, warmup, steps, device):
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    cuda = device.type == "cuda"
    sync = torch.cuda.synchronize if cuda else (lambda: None)
    model = Resnet(n).to(device)
    sgd = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=1e-4)
    images = (torch.randn(batch, 3, 32, 32) * 60.0).to(device)
    labels = torch.randint(0, 10, (batch,)).to(device)
    if cuda:
        torch.cuda.reset_peak_memory_stats(device)

    def train_step():
        sgd.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(images), labels)
        loss.backward()
        sgd.step()

    def forward():
        with torch.no_grad():
            model(images)

    model.train()
    train_s = timed(train_step, warmup, steps, sync)
    peak = torch.cuda.max_memory_reserved(device) if cuda else None
    model.eval()
    forward_s = timed(forward, 1, max(1, steps), sync)
    row = {
        "status": "measured", "depth": n, "threads": threads, "batchSize": batch, "version": torch.__version__,
        "device": f"cuda, {torch.cuda.get_device_name(device)}" if cuda else "cpu",
        "trainImagesPerSecond": batch / train_s, "forwardImagesPerSecond": batch / forward_s,
    }
    return row if peak is None else {**row, "peakMemoryBytes": peak}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--depths", default="3", help="comma-separated n (6n+2 layers)")
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--steps", type=int, default=3)
    parser.add_argument("--threads", default="1,2", help="comma-separated intra-op thread counts")
    parser.add_argument("--device", default="cpu", choices=["cpu", "cuda"], help="where the network runs")
    args = parser.parse_args()
    if args.device == "cuda" and not torch.cuda.is_available():
        print(f"PyTorch {torch.__version__} sees no CUDA GPU (built for CUDA {torch.version.cuda})", file=sys.stderr)
        sys.exit(4)
    if args.device == "cuda":
        torch.backends.cudnn.benchmark = True  # picks each convolution's fastest algorithm during the warm-up
    device = torch.device(args.device)
    rows = []
    for n in (int(d) for d in args.depths.split(",")):
        for threads in (int(t) for t in args.threads.split(",")):
            row = measure(n, threads, args.batch_size, args.warmup, args.steps, device)
            print(f"pytorch n={n} {row['device']} threads={threads}: train {row['trainImagesPerSecond']:.1f} images/s, "
                  f"forward {row['forwardImagesPerSecond']:.1f} images/s", file=sys.stderr)
            rows.append(row)
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
