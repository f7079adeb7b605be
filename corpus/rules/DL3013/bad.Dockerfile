FROM python:3.12-slim
RUN pip install --no-cache-dir flask gunicorn==22.0.0
RUN pip3 install --no-cache-dir --upgrade pip setuptools
RUN python3 -m pip install --no-cache-dir "requests[socks]"
RUN pip install --no-cache-dir -i https://pypi.example.org/simple mypkg
RUN pip install --no-cache-dir git+https://github.com/psf/black
ONBUILD RUN pip install --no-cache-dir uvicorn
