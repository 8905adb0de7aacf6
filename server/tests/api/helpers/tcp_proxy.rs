//! A TCP proxy in front of a real service (the RabbitMQ broker), which a test can cut (every
//! connection closed, new ones refused) and restore on the same port: a broker outage without
//! touching the shared broker.

use std::{
    net::SocketAddr,
    sync::{Arc, Mutex},
};

use tokio::{
    net::{TcpListener, TcpStream},
    task::JoinHandle,
};

pub struct TcpProxy {
    pub address: SocketAddr,
    target: SocketAddr,
    running: Mutex<Option<Running>>,
}

struct Running {
    acceptor: JoinHandle<()>,
    connections: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl TcpProxy {
    pub async fn start(target: SocketAddr) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let proxy = Self {
            address: listener.local_addr().expect("address"),
            target,
            running: Mutex::new(None),
        };
        proxy.serve(listener);
        proxy
    }

    fn serve(&self, listener: TcpListener) {
        let connections: Arc<Mutex<Vec<JoinHandle<()>>>> = Arc::default();
        let tracked = connections.clone();
        let target = self.target;
        let acceptor = tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                let piping = tokio::spawn(async move {
                    if let Ok(mut outbound) = TcpStream::connect(target).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                tracked.lock().expect("lock").push(piping);
            }
        });
        *self.running.lock().expect("lock") = Some(Running {
            acceptor,
            connections,
        });
    }

    /// Closes every connection and stops listening, as a broker that died would.
    pub fn cut(&self) {
        if let Some(running) = self.running.lock().expect("lock").take() {
            running.acceptor.abort();
            for connection in running.connections.lock().expect("lock").drain(..) {
                connection.abort();
            }
        }
    }

    /// Listens again on the same port.
    pub async fn restore(&self) {
        let listener = TcpListener::bind(self.address)
            .await
            .expect("the proxy's port is free again");
        self.serve(listener);
    }
}
