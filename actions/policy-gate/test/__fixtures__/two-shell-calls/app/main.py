import subprocess  # nosec B404


def legacy(cmd):
    return subprocess.call(cmd, shell=True)


def added(cmd):
    return subprocess.run(cmd, shell=True, check=False)
